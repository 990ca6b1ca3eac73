import { randomUUID } from "node:crypto";
import type pg from "pg";
import { beforeAll, expect, test } from "vitest";
import { DASHBOARD_ORACLE_SQL } from "./helpers/dashboard-oracle.js";
import { logBatch } from "./helpers/events.js";
import { addDays, localTimestamps, reportingToday } from "./helpers/local-days.js";
import { reportDatabaseForThisFile } from "./helpers/report-database.js";

// A display name (user e-mail, customer name) is the newest one any request in the window carried:
// a later request without one (a background job, say) must not hide it, nor bring back an older one.

const user = randomUUID();
const colleague = randomUUID();
const database = reportDatabaseForThisFile("labels");
let client: pg.Client;
let yesterday: string;
beforeAll(async () => {
  client = database.client;
  // Days and hours of the reporting zone, counted from the database's today (one now() for the
  // whole file), never from Node's clock.
  const today = await reportingToday(client);
  yesterday = addDays(today, -1);
  const [threeDaysAgoAt10, yesterdayAt9, yesterdayAt11, yesterdayAt12, todayAt0] = await localTimestamps(
    client,
    [
      [addDays(today, -3), 10 * 60],
      [yesterday, 9 * 60],
      [yesterday, 11 * 60],
      [yesterday, 12 * 60],
      [today, 0],
    ],
  );
  const event = (
    userId: string,
    id: string,
    createdAt: string | undefined,
    extra: Record<string, unknown>,
  ) => ({
    user_id: userId,
    request_id: `labels-${id}`,
    created_at: createdAt,
    customer_id: 7,
    input_tokens: 1000,
    ...extra,
  });
  await logBatch(client, [
    event(user, "1", threeDaysAgoAt10, { user_email: "old@example.com", customer_name: "Old Name" }),
    event(user, "2", yesterdayAt9, { user_email: "new@example.com", customer_name: "New Name" }),
    event(user, "3", yesterdayAt11, {}),
  ]);
  // In another statement, as a later write would: the summaries merge what they already hold.
  await logBatch(client, [event(colleague, "4", yesterdayAt12, {}), event(user, "5", todayAt0, {})]);
});

test("the dashboard names users and customers by the newest name a request carried", async () => {
  const { rows } = await client.query(
    `SELECT get_ai_usage_dashboard(30) AS actual, (${DASHBOARD_ORACLE_SQL}) AS expected`,
    [30],
  );
  const { actual, expected } = rows[0];
  expect(actual.by_user.find((row: { user_id: string }) => row.user_id === user).user_email).toBe(
    "new@example.com",
  );
  expect(actual.by_user.find((row: { user_id: string }) => row.user_id === colleague).user_email).toBe(
    "Unknown",
  );
  expect(actual.by_customer).toEqual([
    expect.objectContaining({ customer_id: 7, customer_name: "New Name" }),
  ]);
  expect(actual).toEqual(expected);
});

test("a day keeps the newest name among its requests, and falls back to the one before when it is deleted", async () => {
  const dayName = async () =>
    (
      await client.query(
        "SELECT user_email FROM ai_usage_daily_by_user WHERE user_id = $1 AND usage_date = $2::date",
        [user, yesterday],
      )
    ).rows;
  // The day's latest request (11:00) has no e-mail; the 09:00 one's stands.
  expect(await dayName()).toEqual([{ user_email: "new@example.com" }]);
  await client.query("DELETE FROM ai_usage_log WHERE request_id = 'labels-2'");
  expect(await dayName()).toEqual([{ user_email: null }]);
  const dashboard = await client.query(
    `SELECT get_ai_usage_dashboard(30) AS actual, (${DASHBOARD_ORACLE_SQL}) AS expected`,
    [30],
  );
  const { actual, expected } = dashboard.rows[0];
  expect(actual.by_user.find((row: { user_id: string }) => row.user_id === user).user_email).toBe(
    "old@example.com",
  );
  expect(actual).toEqual(expected);
  expect((await client.query("SELECT reconcile_ai_usage_summaries() AS r")).rows[0].r).toMatchObject({
    ok: true,
    mismatches: 0,
  });
});
