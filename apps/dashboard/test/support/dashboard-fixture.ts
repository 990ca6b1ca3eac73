import { randomBytes } from "node:crypto";
import { startTestDatabase, type TestDatabase } from "@org/ai-usage-db/testing";
import pg from "pg";
import { LOCAL_ADMIN, signLocalSessionToken } from "../../src/local/session-token.js";
import { type RunningDashboard, startDashboardServer } from "../../src/server/dashboard-server.js";
import { insertManyUsers, insertUsageDataset, USERS } from "./usage-dataset.js";

/** The issuer the fixture's server requires, as a local Supabase project (`supabase start`) signs it. */
export const TEST_ISSUER = "http://127.0.0.1:54321/auth/v1";

export interface DashboardFixture {
  database: TestDatabase;
  /** Superuser pool: inserts the dataset and calls the report functions directly (as the server). */
  pool: pg.Pool;
  dashboard: RunningDashboard;
  jwtSecret: string;
  adminToken: string;
  /** A signed-in user without admin rights (Bob). */
  userToken: string;
  /** Server log lines (unexpected failures). */
  serverLog: string[];
  /** A report function's JSON, called directly over pg as the table owner. */
  sql<T = unknown>(text: string, values?: unknown[]): Promise<T>;
  stop(): Promise<void>;
}

export interface DashboardFixtureOptions {
  /** Extra users (and customers), one request each, beyond the known dataset's (see insertManyUsers). */
  extraUsers?: number;
  /** Writes the usage instead of the known dataset (insertUsageDataset). */
  dataset?: (pool: pg.Pool) => Promise<unknown>;
}

/** A migrated throwaway database holding the known dataset, and the dashboard server in front of it. */
export async function startDashboardFixture(
  options: DashboardFixtureOptions = {},
): Promise<DashboardFixture> {
  const database = await startTestDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  pool.on("error", () => undefined);
  // The CI clock matrix sets a zone whose DST change it fakes the clock to: "today" is then a local day there.
  const reportingTimeZone = process.env.AI_USAGE_TEST_REPORTING_TZ?.trim();
  if (reportingTimeZone)
    await pool.query("select public.set_ai_reporting_time_zone($1)", [reportingTimeZone]);
  await (options.dataset ?? insertUsageDataset)(pool);
  if (options.extraUsers) await insertManyUsers(pool, options.extraUsers);
  const jwtSecret = randomBytes(32).toString("base64url");
  const serverLog: string[] = [];
  const dashboard = await startDashboardServer({
    pool,
    jwtSecret,
    jwtIssuer: TEST_ISSUER,
    log: (line) => serverLog.push(line),
  });
  const adminToken = await signLocalSessionToken(jwtSecret, {
    ...LOCAL_ADMIN,
    admin: true,
    issuer: TEST_ISSUER,
  });
  const userToken = await signLocalSessionToken(jwtSecret, {
    userId: USERS.bob.id,
    email: USERS.bob.email,
    admin: false,
    issuer: TEST_ISSUER,
  });
  return {
    database,
    pool,
    dashboard,
    jwtSecret,
    adminToken,
    userToken,
    serverLog,
    async sql<T>(text: string, values: unknown[] = []) {
      const result = await pool.query(text, values);
      return result.rows[0]?.result as T;
    },
    async stop() {
      await dashboard.close();
      await pool.end();
      await database.stop();
    },
  };
}
