import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "@org/ai-usage-db";

/**
 * The package's own folder, found by walking up from this module: the code runs from `src/` (tsx,
 * vitest) and from bundled chunks in `dist/`, so a fixed `../..` would be right for only one of them.
 */
export function packageRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir) throw new Error(`Cannot find the ${PACKAGE_NAME} package folder above ${dir}`);
  }
}

/** The monorepo root (the folder holding pnpm-workspace.yaml), or the package folder outside a monorepo. */
export function repoRoot(): string {
  const start = packageRoot();
  for (let dir = start; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
  }
  return start;
}

/** The migrations that ship with this package: `prisma/migrations`. */
export function defaultMigrationsDir(): string {
  return join(packageRoot(), "prisma", "migrations");
}

/** Where `db:migrate`, seed and demo keep the local embedded cluster: `<repo>/.data/pg<major>` (git-ignored). */
export function defaultEmbeddedDataDir(major: number = 17): string {
  return join(repoRoot(), ".data", `pg${major}`);
}
