import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect } from "./helpers/database.js";
import { expectSqlError } from "./helpers/errors.js";
import { logBatch, type UsageEvent, uniqueTag, usageEvent } from "./helpers/events.js";
import { footprint } from "./helpers/footprint.js";

let client: pg.Client;
const userId = randomUUID();
const requestType = `batch-bad-${uniqueTag()}`;

/** A good event of this file's user, request type and customer. */
function good(overrides: UsageEvent = {}): UsageEvent {
  return usageEvent(userId, {
    request_type: requestType,
    customer_id: 42,
    customer_name: "Acme",
    ...overrides,
  });
}

beforeAll(async () => {
  client = await connect();
  // Some usage first, so a half-written batch would change existing summary rows, not only add some.
  await logBatch(client, [good(), good({ created_at: "2026-01-15T12:00:00Z" })]);
});
afterAll(async () => {
  await client.end();
});

const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const text = (length: number) => "x".repeat(length);

// [what, the bad event at index 2, the message after "event 2: "]
const BAD_EVENTS: [string, UsageEvent | unknown, RegExp][] = [
  [
    "negative tokens",
    good({ input_tokens: -1 }),
    /^input_tokens must be an integer between 0 and 100000000 \(got -1\)$/,
  ],
  [
    "tokens above 100000000",
    good({ output_tokens: 100_000_001 }),
    /^output_tokens must be an integer between 0 and 100000000/,
  ],
  [
    "non-integer tokens",
    good({ cache_read_tokens: 1.5 }),
    /^cache_read_tokens must be an integer between 0 and 100000000 \(got 1\.5\)$/,
  ],
  [
    "tokens as a string",
    good({ cache_write_5m_tokens: "12" }),
    /^cache_write_5m_tokens must be an integer \(got string\)$/,
  ],
  [
    "negative 1h cache writes",
    good({ cache_write_1h_tokens: -3 }),
    /^cache_write_1h_tokens must be an integer between 0/,
  ],
  ["negative tool turns", good({ tool_turns: -1 }), /^tool_turns must be an integer between 0/],
  [
    "latency above a day",
    good({ latency_ms: 86_400_001 }),
    /^latency_ms must be an integer between 0 and 86400000/,
  ],
  ["customer_id beyond integer", good({ customer_id: 2 ** 31 }), /^customer_id must be an integer between/],
  ["unknown status", good({ status: "ok" }), /^status must be 'success' or 'error' \(got "ok"\)$/],
  ["empty request_type", good({ request_type: "" }), /^request_type must not be empty$/],
  [
    "request_type of 65 characters",
    good({ request_type: text(65) }),
    /^request_type must be at most 64 characters \(got 65\)$/,
  ],
  ["empty model_used", good({ model_used: "" }), /^model_used must not be empty$/],
  [
    "model_used of 201 characters",
    good({ model_used: text(201) }),
    /^model_used must be at most 200 characters/,
  ],
  ["provider of 65 characters", good({ provider: text(65) }), /^provider must be at most 64 characters/],
  [
    "user_email of 321 characters",
    good({ user_email: text(321) }),
    /^user_email must be at most 320 characters \(got 321\)$/,
  ],
  [
    "customer_name of 201 characters",
    good({ customer_name: text(201) }),
    /^customer_name must be at most 200 characters/,
  ],
  [
    "session_id of 201 characters",
    good({ session_id: text(201) }),
    /^session_id must be at most 200 characters/,
  ],
  [
    "error_message of 4001 characters",
    good({ error_message: text(4001) }),
    /^error_message must be at most 4000 characters/,
  ],
  [
    "request_id of 201 characters",
    good({ request_id: text(201) }),
    /^request_id must be at most 200 characters/,
  ],
  ["request_id as a number", good({ request_id: 7 }), /^request_id must be a string \(got number\)$/],
  ["a user_id that is not a UUID", good({ user_id: "not-a-uuid" }), /^user_id must be a UUID$/],
  ["a user_id that is a number", good({ user_id: 42 }), /^user_id must be a UUID$/],
  [
    "a missing user_id",
    { request_id: `req-${randomUUID()}`, request_type: requestType },
    /^user_id is required$/,
  ],
  ["an unknown field", good({ tokens: 5 }), /^unknown field tokens$/],
  ["a number instead of an object", 42, /^must be a JSON object$/],
  ["null instead of an object", null, /^must be a JSON object$/],
  ["an array instead of an object", [good()], /^must be a JSON object$/],
  ["a malformed created_at", good({ created_at: "yesterday" }), /^created_at must be an ISO 8601 timestamp/],
  [
    "a created_at without a zone",
    good({ created_at: "2026-01-01T10:00:00" }),
    /^created_at must be an ISO 8601 timestamp/,
  ],
  [
    "an impossible created_at",
    good({ created_at: "2026-02-30T10:00:00Z" }),
    /^created_at must be an ISO 8601 timestamp/,
  ],
  [
    "a created_at in the future",
    good({ created_at: hoursFromNow(2) }),
    /^created_at must not be in the future$/,
  ],
  [
    "a created_at before 2000",
    good({ created_at: "1999-12-31T23:00:00Z" }),
    /^created_at must be after 2000-01-01$/,
  ],
];

describe("log_ai_usage_batch rejects bad input whole, with SQLSTATE 22023 naming event and field", () => {
  test.each(BAD_EVENTS)("%s", async (_what, bad, message) => {
    const before = await footprint(client, userId, requestType);
    const batch = [good(), good({ created_at: "2026-01-15T13:00:00Z" }), bad, good()];
    await expectSqlError(
      logBatch(client, batch),
      "22023",
      new RegExp(`^event 2: ${message.source.slice(1)}`),
    );
    expect(await footprint(client, userId, requestType)).toEqual(before);
  });

  test("the first bad event is the one named", async () => {
    const batch = [good(), good({ status: "done" }), good(), good({ input_tokens: -5 })];
    await expectSqlError(logBatch(client, batch), "22023", /^event 1: status must be/);
  });

  test("the first bad event is the one named, also when a later one has an unknown field", async () => {
    // _ai_usage_ingest: "The first problem wins: by event, then shape ... before values".
    const batch = [good(), good({ status: "done" }), good(), good({ typo: 1 })];
    await expectSqlError(logBatch(client, batch), "22023", /^event 1: status must be/);
  });

  test.each([
    ["an object", { events: [] }],
    ["a string", "[]"],
    ["JSON null", null],
  ])("a payload that is %s, not an array", async (_what, payload) => {
    const before = await footprint(client, userId, requestType);
    await expectSqlError(logBatch(client, payload), "22023", /^events must be a JSON array/);
    expect(await footprint(client, userId, requestType)).toEqual(before);
  });

  test("a batch of more than 10000 events", async () => {
    const before = await footprint(client, userId, requestType);
    const events = Array.from({ length: 10_001 }, () => good());
    await expectSqlError(logBatch(client, events), "22023", /at most 10000 events \(got 10001\)/);
    expect(await footprint(client, userId, requestType)).toEqual(before);
  });

  test("the same three good events are stored once the bad one is gone", async () => {
    const before = (await footprint(client, userId, requestType)) as { log: { rows: number } };
    const result = await logBatch(client, [good(), good(), good()]);
    expect(result.map((row) => row.inserted)).toEqual([true, true, true]);
    const after = (await footprint(client, userId, requestType)) as { log: { rows: number } };
    expect(after.log.rows).toBe(before.log.rows + 3);
  });
});
