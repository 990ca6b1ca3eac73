// For .ci/supabase-push: after `supabase db push`, our status (what `ai-usage status` and `doctor`
// report) must count every migration as applied. Usage: tsx require-all-applied.ts <database url>
import { readMigrationStatus } from "../../src/migrate/status.js";
import { defaultMigrationsDir } from "../../src/package-paths.js";

const status = await readMigrationStatus({
  databaseUrl: process.argv[2]!,
  migrationsDir: defaultMigrationsDir(),
});
const problems = [
  ...status.pending.map((name) => `pending ${name}`),
  ...status.failed.map((f) => `failed ${f.name}`),
];
console.log(
  `  status: ${status.applied.length} of ${status.shipped} applied (${status.appliedBySupabaseCli.length} by the Supabase CLI)`,
);
if (problems.length > 0 || status.applied.length !== status.shipped) {
  console.error(
    `supabase-push: our migration status disagrees with supabase db push:\n  ${problems.join("\n  ")}`,
  );
  process.exit(1);
}
