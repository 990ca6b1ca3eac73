export { type ResolveDatabaseUrlOptions, type ResolvedDatabase, resolveDatabaseUrl } from "./database-url.js";
export { POSTGRES_MAJORS, type PostgresMajor, parsePostgresMajor } from "./embedded/binaries.js";
export {
  type EmbeddedPostgresOptions,
  type EmbeddedServer,
  startEmbeddedPostgres,
} from "./embedded/embedded-server.js";
export { type MigrateOptions, type MigrateResult, migrate } from "./migrate/migrate.js";
export {
  MigrationError,
  type MigrationErrorCode,
  type MigrationErrorContext,
} from "./migrate/migration-error.js";
export { type ResolveRolledBackOptions, resolveRolledBack } from "./migrate/resolve-rolled-back.js";
export { defaultEmbeddedDataDir, defaultMigrationsDir } from "./package-paths.js";
export { applyStandIn } from "./stand-in/apply-stand-in.js";
export { SUPABASE_STAND_IN_SQL } from "./stand-in/stand-in-sql.js";
