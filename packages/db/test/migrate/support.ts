import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type pg from "pg";
import { inject, onTestFinished } from "vitest";
import { databaseUrlNamed, withClient } from "../../src/pg-connection.js";

/** A new, empty database on this run's server (no stand-in, no migrations); returns its URL. */
export async function createEmptyDatabase(): Promise<string> {
  const serverUrl = inject("databaseUrl");
  const name = `migrate_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE template0`));
  return databaseUrlNamed(serverUrl, name);
}

/** A temporary migrations folder holding `<name>/migration.sql` for each entry; removed after the test. */
export async function writeMigrations(migrations: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "ai-usage-migrations-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

export { withClient };

export async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []) {
  return withClient(url, async (client) => (await client.query<T>(sql, values)).rows);
}

/** Collects what migrate() logs, instead of printing it. */
export function logCollector(): { log: (message: string) => void; lines: string[] } {
  const lines: string[] = [];
  return { log: (message) => lines.push(message), lines };
}
