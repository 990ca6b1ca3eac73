import { generateEvents, generationOptionsSchema } from "@org/ai-usage-data";
import { startTestDatabase, type TestDatabase } from "@org/ai-usage-db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "../src/local/demo-data.js";

// `pnpm dashboard`'s demo seeding, with a small dataset, into a throwaway database.
const smallDemo = { events: 2_000, days: 20, users: 20, customers: 5, seed: 3 };

let database: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  database = await startTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  // pg-pool's end() resolves before its idle connections have closed: when the server stops right
  // after, their "terminating connection" would be an unhandled 'error' event (it failed a CI run).
  pool.on("error", () => undefined);
});
afterAll(async () => {
  await pool?.end();
  await database?.stop();
});

const databaseNow = async () => (await pool.query<{ now: Date }>("select now() as now")).rows[0]!.now;

describe("the dashboard's demo data", () => {
  it("runs up to the database's now(), not to midnight, so today is not an empty day", async () => {
    const before = await databaseNow();
    const lines: string[] = [];
    await seedIfEmpty(pool, database.url, (line) => lines.push(line), smallDemo);
    const after = await databaseNow();
    const newest = (await pool.query<{ newest: Date }>("select max(created_at) as newest from ai_usage_log"))
      .rows[0]!.newest;
    // Whatever the hour: every event the dataset has before `before` is stored, none after `after`.
    const upToBefore = [...generateEvents(generationOptionsSchema.parse({ ...smallDemo, end: before }))];
    expect(newest.getTime()).toBeGreaterThanOrEqual(Date.parse(upToBefore.at(-1)!.created_at));
    expect(newest.getTime()).toBeLessThan(after.getTime());
    expect(lines.at(-1)).toMatch(/^Wrote [\d,]+ demo events over 20 days/);

    await seedIfEmpty(pool, database.url, (line) => lines.push(line), smallDemo);
    expect(lines.at(-1)).toBe("The database already holds usage: no demo data written.");
  });
});
