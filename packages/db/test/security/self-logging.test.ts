import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Caller } from "./support/callers.js";
import { type CallResult, callAs, codeOf } from "./support/postgrest-call.js";
import { type SharedFixture, seedSharedFixture } from "./support/shared-fixture.js";

// Logging is server-side by default. set_ai_usage_self_logging(true) lets signed-in users log their
// own usage, and only that: for themselves, at the current time. The switch is global, so each call
// flips it in its own transaction (rolled back) instead of committing it under other test files.

const ON = "select public.set_ai_usage_self_logging(p_enabled => true)";
const OFF = "select public.set_ai_usage_self_logging(p_enabled => false)";

const LOG = "select public.log_ai_usage(p_user_id => $1, p_input_tokens => 10, p_created_at => $2)";
/** The stored row, read back in the same transaction as the caller (so RLS applies). */
const READ_BACK = `select l.user_id, l.created_at > now() - interval '1 minute' as logged_now
  from public.ai_usage_log l where l.id = $1`;
const BATCH = "select count(*)::int as events from public.log_ai_usage_batch(p_events => $1::jsonb)";
const BATCH_ROWS = "select id, request_id, inserted from public.log_ai_usage_batch(p_events => $1::jsonb)";

let client: pg.Client;
let f: SharedFixture;
beforeAll(async () => {
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  f = await seedSharedFixture(client);
});
afterAll(() => client?.end());

const logOne = (caller: Caller, switchSql: string, userId: string, createdAt: string | null = null) =>
  callAs(client, caller, LOG, [userId, createdAt], { prelude: switchSql, readBack: READ_BACK });
const logBatch = (caller: Caller, switchSql: string, events: object[]) =>
  callAs(client, caller, BATCH, [JSON.stringify(events)], { prelude: switchSql });
const firstRow = (result: CallResult) => (result.ok ? result.rows[0] : result.code);

describe("self-logging off (the default)", () => {
  test("a user cannot log even their own usage; the message says the server logs", async () => {
    const result = await logOne(f.callers.userA, OFF, f.ids.userA);
    expect(codeOf(result)).toBe("42501");
    expect(result.ok ? "" : result.message).toMatch(/logged by the server/);
    expect(codeOf(await logBatch(f.callers.userA, OFF, [{ user_id: f.ids.userA }]))).toBe("42501");
  });

  test("the service role and the owner log for any user", async () => {
    for (const caller of [f.callers.serviceRole, f.callers.owner]) {
      expect(firstRow(await logOne(caller, OFF, f.ids.userB))).toEqual({
        user_id: f.ids.userB,
        logged_now: true,
      });
    }
  });
});

describe("self-logging on", () => {
  test("a user logs their own usage, attributed to them, at the current time", async () => {
    expect(firstRow(await logOne(f.callers.userA, ON, f.ids.userA))).toEqual({
      user_id: f.ids.userA,
      logged_now: true,
    });
    const batch = await logBatch(f.callers.userA, ON, [{ user_id: f.ids.userA }, { user_id: f.ids.userA }]);
    expect(firstRow(batch)).toEqual({ events: 2 });
  });

  test("not in another user's name, not even for one event of a batch", async () => {
    expect(codeOf(await logOne(f.callers.userA, ON, f.ids.userB))).toBe("42501");
    const mixed = await logBatch(f.callers.userA, ON, [{ user_id: f.ids.userA }, { user_id: f.ids.userB }]);
    expect(codeOf(mixed)).toBe("42501");
    expect(mixed.ok ? "" : mixed.message).toMatch(/another user/);
  });

  test("not backdated or post-dated: created_at is the server's to set", async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    expect(codeOf(await logOne(f.callers.userA, ON, f.ids.userA, yesterday))).toBe("42501");
    const batch = await logBatch(f.callers.userA, ON, [{ user_id: f.ids.userA, created_at: yesterday }]);
    expect(codeOf(batch)).toBe("42501");
  });

  test("admins are users here too: they log only for themselves", async () => {
    for (const admin of [f.callers.adminByJwt, f.callers.adminByRole]) {
      expect(codeOf(await logOne(admin, ON, f.ids.userA)), admin.name).toBe("42501");
      expect(firstRow(await logOne(admin, ON, admin.userId!))).toEqual({
        user_id: admin.userId,
        logged_now: true,
      });
    }
  });

  test("a request id already taken by another user gives a row of the caller's own, never that user's row", async () => {
    const requestId = `taken-${crypto.randomUUID()}`;
    const byServer = await callAs(
      client,
      f.callers.serviceRole,
      BATCH_ROWS,
      [JSON.stringify([{ user_id: f.ids.userB, request_id: requestId }])],
      { commit: true },
    );
    const serverRow = byServer.ok ? byServer.rows[0] : byServer.message;
    // Self-logged ids live in their own namespace (self:<user id>:<id>), so the user's call neither
    // learns nor claims B's row: it stores A's own.
    const own = await callAs(
      client,
      f.callers.userA,
      BATCH_ROWS,
      [JSON.stringify([{ user_id: f.ids.userA, request_id: requestId }])],
      {
        prelude: ON,
      },
    );
    const ownRow = own.ok ? own.rows[0] : own.message;
    expect(ownRow).toMatchObject({ request_id: `self:${f.ids.userA}:${requestId}`, inserted: true });
    expect((ownRow as { id: string }).id).not.toBe((serverRow as { id: string }).id);
    // Their own retry stays idempotent.
    const retried = `own-${crypto.randomUUID()}`;
    for (let attempt = 0; attempt < 2; attempt++) {
      const retry = await logBatch(f.callers.userA, ON, [{ user_id: f.ids.userA, request_id: retried }]);
      expect(firstRow(retry)).toEqual({ events: 1 });
    }
  });

  test("anon still cannot log, and a signed-in user cannot flip the switch", async () => {
    expect(codeOf(await logOne(f.callers.anon, ON, f.ids.userA))).toBe("42501");
    for (const caller of [f.callers.userA, f.callers.userMetadataAdmin]) {
      expect(codeOf(await callAs(client, caller, ON)), caller.name).toBe("42501");
    }
  });
});
