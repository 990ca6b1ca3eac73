import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Caller } from "./support/callers.js";
import { type CallResult, callAs, codeOf } from "./support/postgrest-call.js";
import { type SharedFixture, seedSharedFixture } from "./support/shared-fixture.js";

// Issue 13's ingest holes, each exploited through the role that would exploit it:
// - a refused caller is refused before its events are validated (and a user's batch is capped);
// - a self-logged row cannot take a request id the server will record later;
// - a user cannot attribute usage to a customer.
// The self-logging switch is flipped inside each call's own transaction (rolled back).

const ON = "select public.set_ai_usage_self_logging(p_enabled => true)";
const OFF = "select public.set_ai_usage_self_logging(p_enabled => false)";
const BATCH = "select * from public.log_ai_usage_batch(p_events => $1::jsonb)";

let client: pg.Client;
let f: SharedFixture;
beforeAll(async () => {
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  f = await seedSharedFixture(client);
});
afterAll(() => client?.end());

const batch = (caller: Caller, events: object[], prelude = OFF, commit = false) =>
  callAs(client, caller, BATCH, [JSON.stringify(events)], { prelude, commit });
const messageOf = (result: CallResult) => (result.ok ? "" : result.message);

describe("refuse before working", () => {
  // Before the fix the events were validated first: the bad last event answered 22023, after
  // validating all 10,000. The answer now says "who are you" before looking at any event.
  test("a user's 10,000-event batch is refused for who they are, not for its contents", async () => {
    const events: object[] = Array.from({ length: 10_000 }, () => ({
      user_id: f.ids.userA,
      input_tokens: 1,
    }));
    events[9_999] = { user_id: f.ids.userA, input_tokens: -1, unknown_field: true };
    for (const prelude of [OFF, ON]) {
      const result = await batch(f.callers.userA, events, prelude);
      expect(codeOf(result)).toBe("42501");
    }
    expect(messageOf(await batch(f.callers.userA, events, OFF))).toMatch(/logged by the server/);
    expect(messageOf(await batch(f.callers.userA, events, ON))).toMatch(
      /at most 100 events per call \(got 10000\)/,
    );
  });

  test("anon cannot call it at all, whatever it sends", async () => {
    const result = await batch(f.callers.anon, [{ user_id: "not a uuid", input_tokens: "x" }], ON);
    expect(codeOf(result)).toBe("42501");
  });

  test("with self-logging on, a user logs up to 100 of their own events, not 101", async () => {
    const own = (n: number) => Array.from({ length: n }, () => ({ user_id: f.ids.userA }));
    const hundred = await batch(f.callers.userA, own(100), ON);
    expect(hundred.ok ? hundred.rowCount : hundred.message).toBe(100);
    expect(codeOf(await batch(f.callers.userA, own(101), ON))).toBe("42501");
    // The server's batches keep their own limit.
    const server = await batch(f.callers.serviceRole, own(101));
    expect(server.ok ? server.rowCount : server.message).toBe(101);
  });

  test("an event for someone else (or with a malformed id) among a user's own is refused as such", async () => {
    for (const other of [f.ids.userB, "not-a-uuid", null]) {
      const result = await batch(f.callers.userA, [{ user_id: f.ids.userA }, { user_id: other }], ON);
      expect(messageOf(result)).toMatch(/cannot log usage for another user/);
    }
    // Upper-case spelling of one's own id is one's own id.
    const upper = await batch(f.callers.userA, [{ user_id: f.ids.userA.toUpperCase() }], ON);
    expect(upper.ok).toBe(true);
  });
});

describe("a self-logged row cannot pre-empt the server's record", () => {
  test("the server records a message id a user logged first; both rows are kept apart", async () => {
    const messageId = `msg_${randomUUID()}`;
    // The user learns the message id (the edge function returns it) and logs it first, committed.
    const early = await batch(
      f.callers.userA,
      [{ user_id: f.ids.userA, request_id: messageId, input_tokens: 1 }],
      ON,
      true,
    );
    expect(early.ok ? early.rows[0] : early.message).toMatchObject({
      request_id: `self:${f.ids.userA}:${messageId}`,
      inserted: true,
    });
    // Before the fix this answered inserted = false and the real 5,000 tokens were lost.
    const server = await batch(f.callers.serviceRole, [
      { user_id: f.ids.userA, request_id: messageId, input_tokens: 5000 },
    ]);
    expect(server.ok ? server.rows[0] : server.message).toMatchObject({
      request_id: messageId,
      inserted: true,
    });

    // A retry of the user's own call is still idempotent within their namespace.
    const retry = await batch(
      f.callers.userA,
      [{ user_id: f.ids.userA, request_id: messageId, input_tokens: 1 }],
      ON,
    );
    expect(retry.ok ? retry.rows[0] : retry.message).toMatchObject({ inserted: false });
  });

  test("the server cannot use the self-logged namespace", async () => {
    const result = await batch(f.callers.serviceRole, [
      { user_id: f.ids.userB },
      { user_id: f.ids.userB, request_id: `self:${f.ids.userA}:msg_1` },
    ]);
    expect(codeOf(result)).toBe("22023");
    expect(messageOf(result)).toMatch(/^event 1: request_id must not start with "self:"/);
  });

  test("a self-logged request id leaves room for its namespace", async () => {
    const room = 200 - `self:${f.ids.userA}:`.length;
    const fits = await batch(f.callers.userA, [{ user_id: f.ids.userA, request_id: "x".repeat(room) }], ON);
    expect(fits.ok).toBe(true);
    const tooLong = await batch(
      f.callers.userA,
      [{ user_id: f.ids.userA, request_id: "x".repeat(room + 1) }],
      ON,
    );
    expect(codeOf(tooLong)).toBe("22023");
    expect(messageOf(tooLong)).toMatch(`at most ${room} characters`);
  });
});

describe("customer identity comes from the server", () => {
  test("a user cannot attribute self-logged usage to a customer, by id or by name", async () => {
    for (const customer of [{ customer_id: 7 }, { customer_name: "Acme (renamed by a user)" }]) {
      const result = await batch(f.callers.userA, [{ user_id: f.ids.userA, ...customer }], ON);
      expect(codeOf(result)).toBe("42501");
      expect(messageOf(result)).toMatch(/only the server may attribute usage to a customer/);
    }
  });

  test("the server attributes usage to a customer", async () => {
    const result = await batch(f.callers.serviceRole, [
      { user_id: f.ids.userA, customer_id: 7, customer_name: "Acme" },
    ]);
    expect(result.ok).toBe(true);
  });
});
