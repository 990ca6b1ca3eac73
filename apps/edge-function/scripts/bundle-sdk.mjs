// Vendors the built @org/ai-usage-sdk into supabase/functions/_shared/ai-usage-sdk/dist, because
// `supabase functions deploy` only uploads what the function folder tree imports (a pnpm workspace
// link outside supabase/ is not deployable). The function's deno.json maps the SDK's entry points
// onto these files; the tests run against the same copy, so what is tested is what is deployed.
import { cp, mkdir, readdir, readFile, realpath, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(appDir, "supabase/functions/_shared/ai-usage-sdk/dist");

// The workspace dependency link (node_modules/@org/ai-usage-sdk -> packages/sdk).
const sdkDir = await realpath(join(appDir, "node_modules/@org/ai-usage-sdk"));
const source = join(sdkDir, "dist");
const entries = ["index", "sinks/pg", "providers/anthropic", "auth"];

// tsup writes the .js files first and the .d.ts files tens of seconds later: wait for a whole build.
for (const entry of entries) {
  for (const built of [join(source, `${entry}.js`), join(source, `${entry}.d.ts`)]) {
    if (!(await exists(built))) {
      throw new Error(
        `${built} is missing: run \`pnpm --filter @org/ai-usage-sdk build\` (to the end) first`,
      );
    }
  }
}

await rm(target, { recursive: true, force: true });
await mkdir(target, { recursive: true });
// Source maps stay behind: they point at ../src, which is not vendored.
await cp(source, target, { recursive: true, filter: (path) => !path.endsWith(".map") });

// Deno does not pick up a sibling .d.ts by itself; this directive gives `deno check` the SDK's types.
for (const entry of entries) {
  const file = join(target, `${entry}.js`);
  const name = entry.split("/").pop();
  const code = await readFile(file, "utf8");
  await writeFile(file, `// @ts-self-types="./${name}.d.ts"\n${code}`);
}

// tsup's type chunks import each other as "./chunk-x.js" (TypeScript maps that to chunk-x.d.ts; Deno
// does not, since no such .js exists): point those imports at the .d.ts files themselves.
for (const file of await readdir(target, { recursive: true })) {
  if (!file.endsWith(".d.ts")) continue;
  const path = join(target, file);
  const code = await readFile(path, "utf8");
  const fixed = await replaceAsync(
    code,
    /((?:from|import)\s+["'])(\.{1,2}\/[^"']+)\.js(["'])/g,
    async (match, open, base, close) => {
      const jsExists = await exists(join(dirname(path), `${base}.js`));
      return jsExists ? match : `${open}${base}.d.ts${close}`;
    },
  );
  if (fixed !== code) await writeFile(path, fixed);
}

const { version } = JSON.parse(await readFile(join(sdkDir, "package.json"), "utf8"));
console.log(`vendored @org/ai-usage-sdk ${version} into ${target}`);

async function exists(path) {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function replaceAsync(text, pattern, replacer) {
  const replacements = await Promise.all([...text.matchAll(pattern)].map((match) => replacer(...match)));
  let index = 0;
  return text.replace(pattern, () => replacements[index++]);
}
