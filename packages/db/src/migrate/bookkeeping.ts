import { randomUUID } from "node:crypto";
import type pg from "pg";

/**
 * Prisma Migrate's own table, column for column, so `prisma migrate deploy/status` agree with this
 * runner wherever Prisma's schema engine can run.
 */
const CREATE_MIGRATIONS_TABLE = /* sql */ `
CREATE TABLE public._prisma_migrations (
  id                  VARCHAR(36) PRIMARY KEY NOT NULL,
  checksum            VARCHAR(64) NOT NULL,
  finished_at         TIMESTAMPTZ,
  migration_name      VARCHAR(255) NOT NULL,
  logs                TEXT,
  rolled_back_at      TIMESTAMPTZ,
  started_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  applied_steps_count INTEGER NOT NULL DEFAULT 0
);
-- Supabase's default privileges give anon and authenticated ALL on every new table in public, which
-- would let any API caller read (or delete) migration history and error logs. Not theirs to see.
DO $$
BEGIN
  IF to_regrole('anon') IS NOT NULL THEN REVOKE ALL ON public._prisma_migrations FROM anon; END IF;
  IF to_regrole('authenticated') IS NOT NULL THEN REVOKE ALL ON public._prisma_migrations FROM authenticated; END IF;
END
$$;
`;

export interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

export async function migrationsTableExists(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ present: boolean }>(
    "SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present",
  );
  return rows[0]?.present === true;
}

/** Called under the migration lock, only when the table is missing. */
export async function createMigrationsTable(client: pg.ClientBase): Promise<void> {
  await client.query(`BEGIN;${CREATE_MIGRATIONS_TABLE}COMMIT;`);
}

export async function readMigrationRows(client: pg.ClientBase): Promise<MigrationRow[]> {
  const { rows } = await client.query<MigrationRow>(
    "SELECT * FROM public._prisma_migrations ORDER BY started_at, migration_name",
  );
  return rows;
}

/** A migration counts as applied once it finished, unless it was later marked rolled back. */
export function isApplied(row: MigrationRow): boolean {
  return row.finished_at !== null && row.rolled_back_at === null;
}

/** Failed (or interrupted) and not yet resolved: blocks every later run, as in Prisma (P3009). */
export function isUnresolvedFailure(row: MigrationRow): boolean {
  return row.finished_at === null && row.rolled_back_at === null;
}

export interface StartedMigration {
  id: string;
  name: string;
  startedAt: Date;
}

/**
 * Recorded before the migration runs, as Prisma does, but inside the deploy's transaction: a crash
 * rolls the row back with everything else, and leaves nothing to resolve. clock_timestamp(), not
 * now(): all migrations of a deploy share one transaction, and their rows keep their order in time.
 */
export async function recordStarted(
  client: pg.ClientBase,
  name: string,
  checksum: string,
): Promise<StartedMigration> {
  const id = randomUUID();
  const { rows } = await client.query<{ started_at: Date }>(
    `INSERT INTO public._prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
     VALUES ($1, $2, $3, clock_timestamp(), 0)
     RETURNING started_at`,
    [id, checksum, name],
  );
  return { id, name, startedAt: rows[0]!.started_at };
}

export async function recordFinished(client: pg.ClientBase, id: string): Promise<void> {
  await client.query(
    "UPDATE public._prisma_migrations SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1",
    [id],
  );
}

/**
 * After the deploy's transaction rolled back (its rows with it), records the migration that failed
 * the way Prisma leaves one: started, not finished, its error in logs. That row blocks later runs
 * (P3009) until someone resolves it.
 */
export async function recordFailed(
  client: pg.ClientBase,
  migration: StartedMigration & { checksum: string },
  logs: string,
): Promise<void> {
  await client.query(
    `INSERT INTO public._prisma_migrations (id, checksum, migration_name, started_at, logs, applied_steps_count)
     VALUES ($1, $2, $3, $4, $5, 0)`,
    [migration.id, migration.checksum, migration.name, migration.startedAt, logs],
  );
}

/** Like `prisma migrate resolve --rolled-back`: returns how many failed rows were marked. */
export async function recordRolledBack(client: pg.ClientBase, name: string): Promise<number> {
  const { rowCount } = await client.query(
    `UPDATE public._prisma_migrations SET rolled_back_at = now()
     WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL`,
    [name],
  );
  return rowCount ?? 0;
}
