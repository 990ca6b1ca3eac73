// The versions the tests run (pnpm-workspace.yaml's catalog), and whether a published peer range
// admits them: a catalog bump to a new major must come with a new peer range, or the release stops.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import semver from "semver";

/** `catalog:` entries of pnpm-workspace.yaml: `  name: version` or `  "@scope/name": version`. */
export function readCatalog(root) {
  const text = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
  const section = text.split(/^catalog:\s*$/m)[1]?.split(/^\S/m)[0] ?? "";
  const entries = [...section.matchAll(/^ {2}"?([^":\s]+)"?:\s*(\S+)/gm)].map((match) => [
    match[1],
    match[2],
  ]);
  return new Map(entries);
}

/** Problems: peer ranges that do not admit the catalog's (tested) version (npm's own semver rules). */
export function checkPeerRanges(manifest, catalog) {
  return Object.entries(manifest.peerDependencies ?? {})
    .filter(([name]) => catalog.has(name))
    .filter(([name, range]) => !semver.satisfies(catalog.get(name), range))
    .map(
      ([name, range]) =>
        `${manifest.name}: peer ${name}@${range} does not admit ${catalog.get(name)}, the version the tests run (catalog)`,
    );
}
