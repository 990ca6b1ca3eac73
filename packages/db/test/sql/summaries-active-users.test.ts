import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { connect, createIsolatedDatabase } from "./helpers/database.js";
import { logBatch, logOne } from "./helpers/events.js";
import { reconcile } from "./helpers/summary-oracle.js";

// ai_usage_daily_active_users counts the user-day rows of ai_usage_daily_by_user: a write that
// creates one adds one, a delete that removes one takes it away, and a day without users has no row.

const alice = randomUUID();
const bob = randomUUID();
let client: pg.Client;
beforeAll(async () => {
  client = await connect(await createIsolatedDatabase("active_users"));
});
afterAll(async () => {
  await client?.end();
});

async function activeUsers(): Promise<Record<string, number>> {
  const { rows } = await client.query<{ day: string; n: number }>(
    "SELECT usage_date::text AS day, active_users::int AS n FROM ai_usage_daily_active_users ORDER BY 1",
  );
  return Object.fromEntries(rows.map((row) => [row.day, row.n]));
}

const at = (userId: string, id: string, createdAt: string) => ({
  user_id: userId,
  request_id: `active-${id}`,
  created_at: createdAt,
});

test("a user counts once per day however many requests and statements", async () => {
  await logBatch(client, [
    at(alice, "a1", "2026-05-01T08:00:00Z"),
    at(alice, "a2", "2026-05-01T09:00:00Z"),
    at(bob, "b1", "2026-05-02T23:59:59Z"),
  ]);
  await logOne(client, { user_id: alice, request_id: "active-a3", created_at: "2026-05-01T10:00:00Z" });
  await logOne(client, { user_id: bob, request_id: "active-b2", created_at: "2026-05-01T10:00:00Z" });
  // A retried request id stores nothing, and counts nothing.
  await logBatch(client, [at(bob, "b1", "2026-05-02T23:59:59Z")]);
  expect(await activeUsers()).toEqual({ "2026-05-01": 2, "2026-05-02": 1 });
  expect(await reconcile(client)).toMatchObject({ ok: true, mismatches: 0 });
});

test("deletes take a user off a day only when their last request of the day goes", async () => {
  await client.query("DELETE FROM ai_usage_log WHERE request_id = 'active-a1'");
  expect(await activeUsers()).toEqual({ "2026-05-01": 2, "2026-05-02": 1 });
  await client.query("DELETE FROM ai_usage_log WHERE user_id = $1", [alice]);
  expect(await activeUsers()).toEqual({ "2026-05-01": 1, "2026-05-02": 1 });
  await client.query("DELETE FROM ai_usage_log WHERE request_id = 'active-b1'");
  expect(await activeUsers()).toEqual({ "2026-05-01": 1 });
  expect(await reconcile(client)).toMatchObject({ ok: true, mismatches: 0 });
});

test("a rebuild recounts, and a time zone change moves users between days", async () => {
  await client.query("DELETE FROM ai_usage_daily_active_users");
  expect(await reconcile(client)).toMatchObject({ ok: false });
  await client.query("SELECT rebuild_ai_usage_summaries()");
  expect(await activeUsers()).toEqual({ "2026-05-01": 1 });
  await logBatch(client, [at(alice, "a4", "2026-05-01T23:30:00Z")]);
  expect(await activeUsers()).toEqual({ "2026-05-01": 2 });
  // 23:30 UTC is 01:30 on the 2nd in Berlin; bob's 10:00 UTC stays on the 1st.
  await client.query("SELECT set_ai_reporting_time_zone('Europe/Berlin')");
  expect(await activeUsers()).toEqual({ "2026-05-01": 1, "2026-05-02": 1 });
  expect(await reconcile(client)).toMatchObject({ ok: true, mismatches: 0 });
});
