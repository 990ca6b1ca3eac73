// Checks an unpacked package (the `package/` folder of a tarball) before it is published: what a user
// installing it with npm, pnpm or Deno needs. Run alone: node scripts/release/check-package.mjs <dir>
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const DEPENDENCY_FIELDS = ["dependencies", "peerDependencies", "optionalDependencies"];

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** Every string target of an `exports` map (conditions and subpaths nested at any depth). */
function exportTargets(exports) {
  if (typeof exports === "string") return [exports];
  if (exports === null || typeof exports !== "object") return [];
  return Object.values(exports).flatMap(exportTargets);
}

/** Relative Markdown links ([text](path), not URLs or #anchors) in `file`, resolved from its folder. */
function markdownLinks(file) {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1].split("#")[0])
    .filter((target) => target && !/^[a-z][a-z0-9+.-]*:/i.test(target))
    .map((target) => ({ target, path: resolve(dirname(file), target) }));
}

/** Problems found in the unpacked package at `dir`, one line each; none means it may be published. */
export function checkPackage(dir, { scope } = {}) {
  const problems = [];
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const name = manifest.name ?? "(no name)";
  if (manifest.private) problems.push(`${name}: "private": true, npm refuses to publish it`);
  if (scope && !name.startsWith(`${scope}/`)) problems.push(`${name}: not in the configured scope ${scope}`);
  for (const field of [...DEPENDENCY_FIELDS, "devDependencies"]) {
    for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
      if (/^(catalog|workspace|link|file):/.test(range)) {
        problems.push(`${name}: ${field}.${dependency} is "${range}", which npm cannot resolve`);
      }
    }
  }
  for (const target of exportTargets(manifest.exports)) {
    if (!existsSync(join(dir, target)))
      problems.push(`${name}: exports target ${target} is not in the package`);
  }
  for (const [command, target] of Object.entries(manifest.bin ?? {})) {
    const path = join(dir, target);
    if (!existsSync(path)) problems.push(`${name}: bin ${command} (${target}) is not in the package`);
    else if (!readFileSync(path, "utf8").startsWith("#!/usr/bin/env node")) {
      problems.push(`${name}: bin ${command} (${target}) has no #!/usr/bin/env node line`);
    }
  }
  for (const file of filesUnder(dir).filter((path) => path.endsWith(".md"))) {
    for (const link of markdownLinks(file)) {
      if (!link.path.startsWith(`${resolve(dir)}/`) || !existsSync(link.path)) {
        problems.push(`${name}: ${relative(dir, file)} links ${link.target}, which is not in the package`);
      }
    }
  }
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node scripts/release/check-package.mjs <unpacked package folder>");
    process.exit(2);
  }
  const problems = checkPackage(dir);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(problems.length > 0 ? 1 : 0);
}
