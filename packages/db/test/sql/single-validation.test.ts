import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect } from "./helpers/database.js";
import { expectSqlError } from "./helpers/errors.js";
import { logOne, uniqueTag } from "./helpers/events.js";
import { footprint } from "./helpers/footprint.js";

let client: pg.Client;
const userId = randomUUID();
const requestType = `single-bad-${uniqueTag()}`;
let loggedRequestId: string;

beforeAll(async () => {
  client = await connect();
  loggedRequestId = `req-${randomUUID()}`;
  await logOne(client, {
    user_id: userId,
    request_type: requestType,
    request_id: loggedRequestId,
    input_tokens: 10,
  });
});
afterAll(async () => {
  await client.end();
});

const text = (length: number) => "x".repeat(length);
const inTwoHours = () => new Date(Date.now() + 2 * 3_600_000).toISOString();

// [what, arguments that replace the good ones, message (no "event N:" prefix for a single event)]
const BAD_CALLS: [string, Record<string, unknown>, RegExp][] = [
  [
    "negative tokens",
    { input_tokens: -1 },
    /^input_tokens must be an integer between 0 and 100000000 \(got -1\)$/,
  ],
  [
    "tokens above 100000000",
    { output_tokens: 100_000_001 },
    /^output_tokens must be an integer between 0 and 100000000/,
  ],
  ["negative cache reads", { cache_read_tokens: -2 }, /^cache_read_tokens must be an integer between 0/],
  ["negative latency", { latency_ms: -5 }, /^latency_ms must be an integer between 0 and 86400000/],
  ["unknown status", { status: "done" }, /^status must be 'success' or 'error'/],
  ["NULL status", { status: null }, /^status must not be null$/],
  ["empty request_type", { request_type: "" }, /^request_type must not be empty$/],
  ["NULL request_type", { request_type: null }, /^request_type must not be null$/],
  [
    "request_type of 65 characters",
    { request_type: text(65) },
    /^request_type must be at most 64 characters/,
  ],
  ["user_email of 321 characters", { user_email: text(321) }, /^user_email must be at most 320 characters/],
  [
    "customer_name of 201 characters",
    { customer_name: text(201) },
    /^customer_name must be at most 200 characters/,
  ],
  ["session_id of 201 characters", { session_id: text(201) }, /^session_id must be at most 200 characters/],
  [
    "error_message of 4001 characters",
    { error_message: text(4001) },
    /^error_message must be at most 4000 characters/,
  ],
  ["request_id of 201 characters", { request_id: text(201) }, /^request_id must be at most 200 characters/],
  ["empty request_id", { request_id: "" }, /^request_id must not be empty$/],
  ["NULL user_id", { user_id: null }, /^user_id is required$/],
  ["created_at in the future", { created_at: inTwoHours() }, /^created_at must not be in the future$/],
];

describe("log_ai_usage rejects bad input with SQLSTATE 22023 naming the field, writing nothing", () => {
  test.each(BAD_CALLS)("%s", async (_what, bad, message) => {
    const before = await footprint(client, userId, requestType);
    const call = logOne(client, { user_id: userId, request_type: requestType, input_tokens: 5, ...bad });
    await expectSqlError(call, "22023", message);
    expect(await footprint(client, userId, requestType)).toEqual(before);
  });

  test("the limits themselves are accepted", async () => {
    const id = await logOne(client, {
      user_id: userId,
      request_type: text(64),
      input_tokens: 100_000_000,
      latency_ms: 86_400_000,
      error_message: text(4000),
      status: "error",
      request_id: `${text(150)}${randomUUID()}`.slice(0, 200),
    });
    const { rows } = await client.query("SELECT input_tokens, status FROM ai_usage_log WHERE id = $1", [id]);
    expect(rows).toEqual([{ input_tokens: 100_000_000, status: "error" }]);
  });
});

describe("ai_usage_log is append-only", () => {
  test.each([
    ["input_tokens", "input_tokens = 1"],
    ["user_id", "user_id = gen_random_uuid()"],
    ["created_at", "created_at = created_at - interval '1 day'"],
    ["status", "status = 'error'"],
    ["request_type", "request_type = 'other'"],
  ])("a direct UPDATE of %s raises and changes nothing", async (_column, assignment) => {
    const before = await footprint(client, userId, requestType);
    await expectSqlError(
      client.query(`UPDATE ai_usage_log SET ${assignment} WHERE request_id = $1`, [loggedRequestId]),
      "55000",
      /append-only/,
    );
    expect(await footprint(client, userId, requestType)).toEqual(before);
  });
});
