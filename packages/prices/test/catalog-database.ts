import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createDatabase } from "@org/ai-usage-db/testing";
import pg from "pg";
import { inject } from "vitest";
import { GENERATED_CATALOG_PATH } from "../src/catalog-files.js";

export interface CatalogDatabase {
  url: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * A migrated database of its own with the generated catalog applied. Once the migration that carries
 * the catalog exists this adds nothing (ON CONFLICT DO NOTHING); before, it is what that migration
 * will do.
 */
export async function catalogDatabase(): Promise<CatalogDatabase> {
  const url = await createDatabase(inject("serverUrl"), `prices_${randomUUID().replaceAll("-", "")}`);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", () => undefined);
  await pool.query(await readFile(GENERATED_CATALOG_PATH, "utf8"));
  return { url, pool, close: () => pool.end() };
}

/** The database's current UTC date (tests never read the machine's calendar). */
export async function databaseToday(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ today: string }>(
    "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS today",
  );
  return rows[0]!.today;
}
