// db:generate — `prisma generate` without network access.
// The Prisma CLI downloads its native schema engine when it starts, which fails offline, unless
// PRISMA_SCHEMA_ENGINE_BINARY names an existing file. `generate` never runs that engine, so any
// existing file will do: node itself. A real engine set in the environment is kept.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
if (!existsSync(join(packageDir, "prisma", "schema.prisma"))) {
  console.log(
    "db:generate: skipped, prisma/schema.prisma does not exist yet (no Prisma Client to generate).",
  );
  process.exit(0);
}

const require = createRequire(import.meta.url);
const prismaManifest = require.resolve("prisma/package.json");
const prismaCli = join(dirname(prismaManifest), JSON.parse(readFileSync(prismaManifest, "utf8")).bin.prisma);

const result = spawnSync(process.execPath, [prismaCli, "generate"], {
  cwd: packageDir,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    // Prisma's update check calls home: there is no network here, and no point waiting for it.
    CHECKPOINT_DISABLE: "1",
  },
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
