/**
 * Prisma's own error codes, so a message reads the same as `prisma migrate deploy` would say it:
 * P3005 schema not empty, P3009 failed migration blocks deploys, P3012 not in a failed state,
 * P3015 migration.sql missing, P3017 no such migration, P3018 a migration failed to apply.
 */
export type MigrationErrorCode = "P3005" | "P3009" | "P3012" | "P3015" | "P3017" | "P3018";

export interface MigrationErrorContext {
  migration?: string;
  /** SQLSTATE of the database error, for P3018. */
  sqlState?: string;
  /** 1-based line and column in migration.sql where the error is. */
  line?: number;
  column?: number;
  /** The statement that failed. */
  statement?: string;
  /** For P3018 from a deploy: every migration it was applying, none of which is in the database. */
  rolledBack?: string[];
}

export class MigrationError extends Error {
  override readonly name = "MigrationError";

  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    readonly context: MigrationErrorContext = {},
  ) {
    super(`${code}: ${message}`);
  }
}
