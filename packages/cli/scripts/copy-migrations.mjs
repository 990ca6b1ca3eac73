// Build step: ships the db package's migrations (the source, read-only: packages/db/prisma/migrations)
// inside this package as migrations/<name>/migration.sql, byte for byte.
import { cp, realpath, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
// The workspace link of our dev dependency @org/ai-usage-db (its exports do not include package.json).
const dbPackageDir = await realpath(join(packageDir, "node_modules", "@org", "ai-usage-db"));
const source = join(dbPackageDir, "prisma", "migrations");
const target = join(packageDir, "migrations");

await rm(target, { recursive: true, force: true });
await cp(source, target, { recursive: true });
console.log(`copied ${source} to ${target}`);
