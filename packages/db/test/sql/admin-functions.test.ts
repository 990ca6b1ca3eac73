import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect, createIsolatedDatabase } from "./helpers/database.js";
import { expectSqlError } from "./helpers/errors.js";
import { logBatch } from "./helpers/events.js";
import { compareSummariesWithLog, reconcile } from "./helpers/summary-oracle.js";

// Admin functions called by the owner (a direct connection counts as the server). Both change
// global state, so they run in a database of their own.

const userId = randomUUID();
let client: pg.Client;
beforeAll(async () => {
  client = await connect(await createIsolatedDatabase("admin"));
  await logBatch(client, [
    { user_id: userId, customer_id: 3, created_at: "2026-02-01T10:00:00Z", input_tokens: 500 },
    { user_id: userId, created_at: "2026-02-02T10:00:00Z", input_tokens: 700 },
    { user_id: randomUUID(), created_at: "2026-03-02T10:00:00Z", status: "error" },
  ]);
});
afterAll(async () => {
  await client.end();
});

/** Runs `work` as an authenticated user with `sub` in the JWT (as PostgREST would), then resets. */
async function asUser<T>(sub: string, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    await client.query(
      "SELECT set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
      [JSON.stringify({ sub, role: "authenticated" })],
    );
    return await work();
  } finally {
    await client.query("ROLLBACK");
  }
}

const selfLog = (sub: string, forUser: string) =>
  asUser(sub, () => client.query("SELECT log_ai_usage(p_user_id => $1, p_input_tokens => 1)", [forUser]));

describe("set_ai_usage_self_logging", () => {
  test("is off by default: an authenticated user cannot log", async () => {
    const { rows } = await client.query("SELECT allow_user_self_logging FROM ai_usage_settings");
    expect(rows).toEqual([{ allow_user_self_logging: false }]);
    await expectSqlError(selfLog(userId, userId), "42501", /logged by the server/);
  });

  test("the owner switches it on: users may then log their own usage, and only their own", async () => {
    const { rows } = await client.query("SELECT set_ai_usage_self_logging(true) AS enabled");
    expect(rows).toEqual([{ enabled: true }]);
    const settings = await client.query("SELECT allow_user_self_logging FROM ai_usage_settings");
    expect(settings.rows).toEqual([{ allow_user_self_logging: true }]);
    const logged = await selfLog(userId, userId);
    expect(logged.rows).toHaveLength(1);
    await expectSqlError(selfLog(userId, randomUUID()), "42501", /another user/);
  });

  test("and off again", async () => {
    const { rows } = await client.query("SELECT set_ai_usage_self_logging(false) AS enabled");
    expect(rows).toEqual([{ enabled: false }]);
    await expectSqlError(selfLog(userId, userId), "42501", /logged by the server/);
  });

  test("NULL is rejected with 22023", async () => {
    await expectSqlError(client.query("SELECT set_ai_usage_self_logging(NULL)"), "22023", /p_enabled/);
  });
});

describe("rebuild_ai_usage_summaries", () => {
  test("returns the number of log rows and leaves summaries equal to the log", async () => {
    const { rows } = await client.query("SELECT rebuild_ai_usage_summaries()::int AS counted");
    expect(rows).toEqual([{ counted: 3 }]);
    expect(await reconcile(client)).toMatchObject({ ok: true, mismatches: 0, log_rows: 3 });
  });

  test("repairs summaries that drifted: reconcile sees the drift, rebuild fixes it", async () => {
    await client.query("UPDATE ai_usage_daily_by_user SET requests = requests + 1 WHERE user_id = $1", [
      userId,
    ]);
    await client.query("DELETE FROM ai_usage_monthly_by_customer");
    await client.query(
      `INSERT INTO ai_usage_summary (month, user_id, requests, last_request_at)
       VALUES ('2020-01-01', gen_random_uuid(), 1, '2020-01-01T00:00:00Z')`,
    );
    const { rows: report } = await client.query("SELECT reconcile_ai_usage_summaries() AS result");
    // A changed row is both missing (as it should be) and unexpected (as it is).
    expect(report[0].result).toMatchObject({
      ok: false,
      mismatches: 6,
      tables: {
        ai_usage_daily_by_user: { missing_or_different: 2, unexpected: 2 },
        ai_usage_monthly_by_customer: { rows: 0, missing_or_different: 1, unexpected: 0 },
        ai_usage_summary: { missing_or_different: 0, unexpected: 1 },
        ai_usage_daily_by_model: { missing_or_different: 0, unexpected: 0 },
      },
    });

    await client.query("SELECT rebuild_ai_usage_summaries()");
    expect(await reconcile(client)).toMatchObject({ ok: true, mismatches: 0 });
    for (const { expected, actual } of Object.values(await compareSummariesWithLog(client))) {
      expect(actual).toEqual(expected);
    }
  });
});
