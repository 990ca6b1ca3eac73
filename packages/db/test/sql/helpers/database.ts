import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDatabase } from "../../../src/testing.js";

/** Superuser URL of this run's shared, migrated database (other test files write to it at the same time). */
export function sharedDatabaseUrl(): string {
  return inject("databaseUrl");
}

/** A connected client; the caller ends it. */
export async function connect(url: string = sharedDatabaseUrl()): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: "ai-usage-db sql tests" });
  await client.connect();
  return client;
}

/** Runs `work` with a fresh client and always ends it. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(url);
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const TEMPLATE_NAME = "ai_usage_sql_tests_template";
// Any constant: serialises template creation between the test files' worker processes.
const TEMPLATE_LOCK_KEY = 4_242_001;

/**
 * A database of its own on the shared server, migrated, for a test that needs a globally empty log
 * (reports, rebuilds, TRUNCATE) or changes global settings (time zone, self-logging). Migrating takes
 * about 2 s, so the first caller migrates a template once per server and every caller clones it.
 */
export async function createIsolatedDatabase(label: string): Promise<string> {
  const serverUrl = sharedDatabaseUrl();
  const name = `sql_${label}_${randomUUID().slice(0, 8)}`.toLowerCase();
  await withClient(serverUrl, async (admin) => {
    await admin.query("SELECT pg_advisory_lock($1)", [TEMPLATE_LOCK_KEY]);
    try {
      const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [TEMPLATE_NAME]);
      if (rowCount === 0) await createDatabase(serverUrl, TEMPLATE_NAME);
      // Cloning needs the template to have no sessions: the lock keeps other clones and the
      // template's own migration out, and PostgreSQL waits for sessions that are just closing.
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${TEMPLATE_NAME}`);
    } finally {
      await admin.query("SELECT pg_advisory_unlock($1)", [TEMPLATE_LOCK_KEY]);
    }
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
