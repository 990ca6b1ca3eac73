import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { compareSupabaseMigrations, expectedSupabaseMigrations } from "@org/ai-usage-db/migrator";
import { Command } from "commander";
import { CliError } from "../cli-error.js";
import { EXIT } from "../exit-codes.js";
import { shippedMigrationsDir } from "../migrations-dir.js";

const DEFAULT_DIR = "supabase/migrations";

export function supabaseExportCommand(): Command {
  return new Command("supabase-export")
    .summary("write the migrations into your Supabase project, for `supabase db push`")
    .description(
      "Writes each shipped migration as <dir>/<timestamp>_<name>.sql, byte for byte the same as its " +
        "migration.sql, for the Supabase CLI (`supabase db push`). Files that already exist with the " +
        "same bytes are skipped, and your own migrations in the folder are left alone; if any of ours " +
        "exists with other bytes, nothing is written. Needs no database.\n\n" +
        "Note: `supabase db push` commits each migration on its own, so new tables stay open to API " +
        "roles until the security migration commits; `ai-usage migrate` applies them in one transaction.",
    )
    .option("--dir <path>", "the Supabase migrations folder", DEFAULT_DIR)
    .action(async (options: { dir: string }) => {
      const dir = resolve(options.dir);
      const shipped = shippedMigrationsDir();
      // The same layout and comparison as the repository's own supabase/ project (pnpm supabase:sync).
      const comparison = await compareSupabaseMigrations(shipped, dir);
      if (comparison.different.length > 0) {
        throw new CliError(
          `not overwriting ${comparison.different.length} file(s) that differ from the shipped migration ` +
            `(nothing written): ${comparison.different.map((name) => join(dir, name)).join(", ")}. ` +
            "A migration must not change once applied; if these were never applied anywhere, delete " +
            "them and export again.",
          EXIT.problem,
        );
      }
      await mkdir(dir, { recursive: true });
      const missing = new Set(comparison.missing);
      for (const file of await expectedSupabaseMigrations(shipped)) {
        if (!missing.has(file.fileName)) continue;
        await writeFile(join(dir, file.fileName), file.bytes, { flag: "wx" });
        console.log(`  wrote     ${join(dir, file.fileName)}`);
      }
      for (const name of comparison.identical) console.log(`  unchanged ${join(dir, name)}`);
      console.log(`${missing.size} written, ${comparison.identical.length} already there, in ${dir}`);
    });
}
