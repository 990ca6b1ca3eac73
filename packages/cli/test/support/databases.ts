import { randomUUID } from "node:crypto";
import { createDatabase } from "@org/ai-usage-db/testing";
import pg from "pg";
import { inject } from "vitest";

function databaseUrl(name: string): string {
  const url = new URL(inject("serverUrl"));
  url.pathname = `/${name}`;
  return url.toString();
}

const uniqueName = (prefix: string) => `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;

/** A new, empty database (no stand-in, no migrations): what a user's fresh database looks like. */
export async function createEmptyDatabase(): Promise<string> {
  const name = uniqueName("cli_empty");
  const admin = new pg.Client({ connectionString: inject("serverUrl") });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  return databaseUrl(name);
}

/** A new database with the stand-in and every migration applied by the db package's own migrator. */
export function createMigratedDatabase(): Promise<string> {
  return createDatabase(inject("serverUrl"), uniqueName("cli_migrated"));
}

/** Runs `sql` on the database at `url`, returning the rows. */
export async function query<Row extends object>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
