// pnpm release [--dry-run] [--out <dir>]: builds the packages named in release.config.json, packs each
// with pnpm (which turns catalog: and workspace: into real versions), renames @org/ to the configured
// scope, checks every tarball (scripts/release/check-package.mjs) and publishes it with npm, or with
// --dry-run prints what would be published and leaves the tarballs in --out. See docs/publishing.md.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkPackage } from "./check-package.mjs";
import { checkPeerRanges, readCatalog } from "./tested-versions.mjs";

const REPO_SCOPE = "@org";
const root = resolve(import.meta.dirname, "..", "..");
const config = JSON.parse(readFileSync(join(root, "release.config.json"), "utf8"));

const { values: options } = parseArgs({
  options: {
    "dry-run": { type: "boolean", default: false },
    out: { type: "string" },
    help: { type: "boolean" },
  },
});
if (options.help) {
  console.log("usage: pnpm release [--dry-run] [--out <dir for the tarballs>]");
  process.exit(0);
}
if (!/^@[a-z0-9][a-z0-9._-]*$/.test(config.scope)) {
  console.error(`release.config.json: scope "${config.scope}" is not an npm scope (@name)`);
  process.exit(2);
}

const run = (command, args, cwd = root) =>
  execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

/** Renames the repository's @org/ai-usage-* to the configured scope in every text file of the package. */
function renameScope(dir) {
  if (config.scope === REPO_SCOPE) return;
  for (const name of readdirSync(dir, { recursive: true })) {
    const path = join(dir, name);
    if (!statSync(path).isFile() || !/\.(json|md|js|mjs|ts|mts|map)$/.test(path)) continue;
    const text = readFileSync(path, "utf8");
    const renamed = text.replaceAll(`${REPO_SCOPE}/ai-usage-`, `${config.scope}/ai-usage-`);
    if (renamed !== text) writeFileSync(path, renamed);
  }
}

const catalog = readCatalog(root);
const names = config.packages.map(
  (dir) => JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")).name,
);
console.log(`release: building ${names.join(", ")}`);
run("pnpm", [
  "exec",
  "turbo",
  "run",
  "build",
  "--output-logs=errors-only",
  ...names.map((n) => `--filter=${n}`),
]);

const out = resolve(options.out ?? mkdtempSync(join(tmpdir(), "ai-usage-release-")));
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), "ai-usage-pack-"));
const tarballs = [];
let problems = [];
try {
  for (const dir of config.packages) {
    const packed = join(work, dir.replaceAll("/", "-"));
    mkdirSync(packed);
    run("pnpm", ["pack", "--pack-destination", packed], join(root, dir));
    const [tarball] = readdirSync(packed).filter((file) => file.endsWith(".tgz"));
    run("tar", ["-xzf", tarball], packed);
    const unpacked = join(packed, "package");
    renameScope(unpacked);
    const manifest = JSON.parse(readFileSync(join(unpacked, "package.json"), "utf8"));
    problems = problems.concat(
      checkPackage(unpacked, { scope: config.scope }),
      checkPeerRanges(manifest, catalog),
    );
    const final = run("npm", [
      "pack",
      unpacked,
      "--ignore-scripts",
      "--pack-destination",
      out,
      "--silent",
    ]).trim();
    tarballs.push({ manifest, path: join(out, final.split("\n").at(-1)) });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

for (const { manifest, path } of tarballs) {
  const kib = (statSync(path).size / 1024).toFixed(0);
  const dependencies = Object.entries(manifest.dependencies ?? {}).map(([n, v]) => `${n}@${v}`);
  const peers = Object.entries(manifest.peerDependencies ?? {}).map(
    ([n, v]) => `${n}@${v}${manifest.peerDependenciesMeta?.[n]?.optional ? " (optional)" : ""}`,
  );
  console.log(`\n${manifest.name}@${manifest.version}  ${kib} KiB  ${path}`);
  console.log(`  dependencies: ${dependencies.join(", ") || "none"}`);
  if (peers.length > 0) console.log(`  peer dependencies: ${peers.join(", ")}`);
  if (manifest.bin) console.log(`  bin: ${Object.keys(manifest.bin).join(", ")}`);
}
if (problems.length > 0) {
  console.error(`\nrelease: not publishable:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
  process.exit(1);
}
if (options["dry-run"]) {
  console.log(
    `\nrelease: dry run: would publish the ${tarballs.length} tarballs above to ${config.registry} (access ${config.access})`,
  );
  process.exit(0);
}
for (const { manifest, path } of tarballs) {
  console.log(`release: publishing ${manifest.name}@${manifest.version} to ${config.registry}`);
  execFileSync("npm", ["publish", path, "--registry", config.registry, "--access", config.access], {
    stdio: "inherit",
  });
}
