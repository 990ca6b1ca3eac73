// The README links docs/database-api.md (which links docs/glossary.md): symlinks to the repository's
// docs/, so there is one copy of each and the links work in the repository. Packers skip symlinks,
// so around packing each link becomes a real copy (`prepack` runs this with "copy", `postpack` with
// "link"), whose links into this package (../packages/sdk/README.md) are rewritten to work inside it.
import { lstat, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
const DOCS_DIR = join(PACKAGE_DIR, "docs");
const REPO_DOCS_DIR = resolve(PACKAGE_DIR, "..", "..", "docs");
const SHIPPED = ["database-api.md", "glossary.md"];

/** Rewrites relative links of a repository doc that point into this package to package paths. */
function linksForPackage(text) {
  return text.replace(/\]\(([^)\s#]+)(#[^)\s]*)?\)/g, (whole, target, anchor = "") => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return whole;
    const absolute = resolve(REPO_DOCS_DIR, target);
    if (!absolute.startsWith(`${PACKAGE_DIR}/`)) return whole;
    return `](${relative(DOCS_DIR, absolute)}${anchor})`;
  });
}

const isLink = (path) =>
  lstat(path).then(
    (stats) => stats.isSymbolicLink(),
    () => false,
  );

for (const name of SHIPPED) {
  const path = join(DOCS_DIR, name);
  if (process.argv[2] === "copy") {
    if (!(await isLink(path))) continue;
    const text = await readFile(join(REPO_DOCS_DIR, name), "utf8");
    await rm(path);
    await writeFile(path, linksForPackage(text));
  } else if (process.argv[2] === "link") {
    await rm(path, { force: true });
    await symlink(relative(DOCS_DIR, join(REPO_DOCS_DIR, name)), path);
  } else {
    throw new Error("usage: node scripts/pack-docs.mjs copy|link");
  }
}
