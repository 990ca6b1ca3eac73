// pnpm supabase:sync: (re)writes supabase/migrations from packages/db/prisma/migrations (see USAGE).
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { defaultMigrationsDir, repoRoot } from "../package-paths.js";
import { compareSupabaseMigrations, expectedSupabaseMigrations } from "./supabase-migrations.js";

const USAGE = `Usage: pnpm supabase:sync

Makes supabase/migrations/<timestamp>_<name>.sql a byte-for-byte copy of every
packages/db/prisma/migrations/<timestamp>_<name>/migration.sql, for \`supabase db push\`:
writes missing and changed copies, deletes files no Prisma migration produces.
Run it after adding a migration; a test fails until you do.`;

async function main(argv: string[]): Promise<void> {
  if (argv.includes("-h") || argv.includes("--help")) {
    console.log(USAGE);
    return;
  }
  if (argv.length > 0) throw new Error(`unexpected argument ${argv[0]}\n\n${USAGE}`);
  const prismaDir = defaultMigrationsDir();
  const supabaseDir = join(repoRoot(), "supabase", "migrations");
  const before = await compareSupabaseMigrations(prismaDir, supabaseDir);
  await mkdir(supabaseDir, { recursive: true });
  const rewrite = new Set([...before.missing, ...before.different]);
  for (const file of await expectedSupabaseMigrations(prismaDir)) {
    if (rewrite.has(file.fileName)) await writeFile(join(supabaseDir, file.fileName), file.bytes);
  }
  for (const name of before.extra) await rm(join(supabaseDir, name), { recursive: true, force: true });
  const say = (verb: string, names: string[]) => {
    for (const name of names) console.log(`  ${verb} ${name}`);
  };
  say("added    ", before.missing);
  say("rewrote  ", before.different);
  say("deleted  ", before.extra);
  const changes = before.missing.length + before.different.length + before.extra.length;
  console.log(
    `supabase/migrations: ${changes === 0 ? "already in sync" : `${changes} change(s)`}, ` +
      `${before.identical.length + rewrite.size} migration(s)`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`supabase:sync failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
