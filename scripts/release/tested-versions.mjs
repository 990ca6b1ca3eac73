// The versions the tests run (pnpm-workspace.yaml's catalog), and whether a published peer range
// admits them: a catalog bump to a new major must come with a new peer range, or the release stops.
import { readFileSync } from "node:fs";
import { join } from "node:path";

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

const parse = (version) => version.split(/[.-]/).slice(0, 3).map(Number);

/** Whether a caret range (`^1`, `^1.14.0`) admits `version`; other range shapes are not used here. */
export function caretRangeAdmits(range, version) {
  const match = /^\^(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range);
  if (!match) return false;
  const minimum = [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
  const actual = parse(version);
  if (actual[0] !== minimum[0]) return false;
  for (let index = 1; index < 3; index += 1) {
    if (actual[index] !== minimum[index]) return actual[index] > minimum[index];
  }
  return true;
}

/** Problems: peer ranges that are not caret ranges admitting the catalog's (tested) version. */
export function checkPeerRanges(manifest, catalog) {
  return Object.entries(manifest.peerDependencies ?? {})
    .filter(([name]) => catalog.has(name))
    .filter(([name, range]) => !caretRangeAdmits(range, catalog.get(name)))
    .map(
      ([name, range]) =>
        `${manifest.name}: peer ${name}@${range} does not admit ${catalog.get(name)}, the version the tests run (catalog)`,
    );
}
