// The migrator alone (no embedded PostgreSQL, no Prisma Client): what the `ai-usage` CLI bundles, so
// an app that installs the CLI gets node-postgres and nothing heavier.
export { type MigrateOptions, type MigrateResult, migrate } from "./migrate/migrate.js";
export {
  MigrationError,
  type MigrationErrorCode,
  type MigrationErrorContext,
} from "./migrate/migration-error.js";
export { type MigrationFile, readMigrationFiles } from "./migrate/migration-files.js";
export { type ResolveRolledBackOptions, resolveRolledBack } from "./migrate/resolve-rolled-back.js";
export { type MigrationStatus, type MigrationStatusOptions, readMigrationStatus } from "./migrate/status.js";
export { redactUrl } from "./redact-url.js";
export {
  compareSupabaseMigrations,
  expectedSupabaseMigrations,
  type SupabaseMigrationFile,
  type SupabaseMigrationsComparison,
} from "./supabase/supabase-migrations.js";
