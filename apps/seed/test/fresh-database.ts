import { randomUUID } from "node:crypto";
import { createDatabase } from "@org/ai-usage-db/testing";
import pg from "pg";
import { inject } from "vitest";

export interface FreshDatabase {
  url: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** A migrated database of its own, so a test file never sees another file's rows. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const url = await createDatabase(inject("serverUrl"), `seed_${randomUUID().replaceAll("-", "")}`);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", () => undefined);
  return { url, pool, close: () => pool.end() };
}
