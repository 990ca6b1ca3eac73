import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { readMigrationFiles } from "@org/ai-usage-db/migrator";
import { Command } from "commander";
import { CliError } from "../cli-error.js";
import { EXIT } from "../exit-codes.js";
import { shippedMigrationsDir } from "../migrations-dir.js";

const DEFAULT_DIR = "supabase/migrations";

type Plan = { file: string; sql: Buffer; state: "new" | "identical" | "different" };

export function supabaseExportCommand(): Command {
  return new Command("supabase-export")
    .summary("write the migrations into your Supabase project, for `supabase db push`")
    .description(
      "Writes each shipped migration as <dir>/<timestamp>_<name>.sql, byte for byte the same as its " +
        "migration.sql, for the Supabase CLI (`supabase db push`). Files that already exist with the " +
        "same bytes are skipped; if any existing file differs, nothing is written. Needs no database.\n\n" +
        "Note: `supabase db push` commits each migration on its own, so new tables stay open to API " +
        "roles until the security migration commits; `ai-usage migrate` applies them in one transaction.",
    )
    .option("--dir <path>", "the Supabase migrations folder", DEFAULT_DIR)
    .action(async (options: { dir: string }) => {
      const dir = resolve(options.dir);
      const migrations = await readMigrationFiles(shippedMigrationsDir());
      const plans: Plan[] = await Promise.all(
        migrations.map(async (migration) => {
          const file = join(dir, `${migration.name}.sql`);
          const sql = await readFile(migration.path);
          const existing = await readFile(file).catch((error: NodeJS.ErrnoException) => {
            if (error.code === "ENOENT") return undefined;
            throw error;
          });
          const state = existing === undefined ? "new" : existing.equals(sql) ? "identical" : "different";
          return { file, sql, state };
        }),
      );
      const different = plans.filter((plan) => plan.state === "different");
      if (different.length > 0) {
        throw new CliError(
          `not overwriting ${different.length} file(s) that differ from the shipped migration (nothing written): ` +
            `${different.map((plan) => plan.file).join(", ")}. A migration must not change once applied; ` +
            "if these were never applied anywhere, delete them and export again.",
          EXIT.problem,
        );
      }
      await mkdir(dir, { recursive: true });
      for (const plan of plans.filter((candidate) => candidate.state === "new")) {
        await writeFile(plan.file, plan.sql, { flag: "wx" });
        console.log(`  wrote     ${plan.file}`);
      }
      for (const plan of plans.filter((candidate) => candidate.state === "identical")) {
        console.log(`  unchanged ${plan.file}`);
      }
      const written = plans.filter((plan) => plan.state === "new").length;
      console.log(`${written} written, ${plans.length - written} already there, in ${dir}`);
    });
}
