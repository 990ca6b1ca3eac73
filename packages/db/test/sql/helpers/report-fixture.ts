import { randomUUID } from "node:crypto";
import type pg from "pg";
import { logBatch, type UsageEvent } from "./events.js";
import { addDays, localTimestamps, reportingToday } from "./local-days.js";

/**
 * A known set of usage for the report tests, inserted into an isolated database: several users
 * (one without an email, one whose email changed), customers (one renamed), request types, priced
 * models of both providers plus an unpriced one, errors, latencies, every cache bucket, and
 * timestamps today, yesterday, 10, 29, 30 and 40 days ago, in the middle of a month 31 to 61 days
 * back and over a year ago. Days are local days of the database's reporting time zone, counted
 * from the database's today (one now()), so the fixture means the same on any date and in any zone.
 */

export const USERS = {
  alice: randomUUID(),
  bob: randomUUID(),
  carol: randomUUID(),
  dave: randomUUID(),
};
type UserName = keyof typeof USERS;

// [days ago, minute of the local day, user, email, customer, request type, model, input, output,
//  cache write 5m, cache write 1h, cache read, latency ms, status]
type Row = [
  number | "mid-month-45-days-back" | "last-year",
  number,
  UserName,
  string | null,
  [number, string] | null,
  string,
  string,
  number,
  number,
  number,
  number,
  number,
  number | null,
  "success" | "error",
];

const SONNET = "claude-sonnet-4-20250514";
const GPT4O = "gpt-4o-2024-08-06";
const HAIKU = "claude-haiku-4-5";
export const UNPRICED_MODEL = "mystery-model-9000";
const ACME: [number, string] = [1, "Acme"];
const ACME_OLD: [number, string] = [1, "Acme Corp"];
const GLOBEX: [number, string] = [2, "Globex"];
const INITECH: [number, string] = [3, "Initech"];

// biome-ignore format: a table reads best one event per line
const ROWS: Row[] = [
  [0, 5, "alice", "alice@example.com", ACME, "report", SONNET, 120_000, 30_000, 5_000, 0, 200_000, 1_200, "success"],
  [0, 6, "alice", "alice@example.com", GLOBEX, "insight", GPT4O, 50_000, 10_000, 0, 0, 20_000, 800, "success"],
  [0, 7, "bob", "bob@example.com", ACME, "report", SONNET, 80_000, 40_000, 0, 10_000, 0, 2_500, "success"],
  [0, 8, "carol", null, null, "widget", HAIKU, 10_000, 5_000, 0, 0, 0, null, "success"],
  [0, 9, "dave", "dave@example.com", null, "report", UNPRICED_MODEL, 7_000, 3_000, 0, 0, 0, 400, "success"],
  [0, 10, "bob", "bob@example.com", GLOBEX, "report", SONNET, 1_000, 0, 0, 0, 0, 30_000, "error"],
  [1, 600, "alice", "alice@example.com", ACME, "report", SONNET, 200_000, 60_000, 0, 0, 100_000, 1_500, "success"],
  [1, 700, "carol", null, GLOBEX, "insight", "gpt-4o", 30_000, 20_000, 0, 0, 0, 900, "success"],
  [1, 800, "dave", "dave@example.com", ACME, "insight", UNPRICED_MODEL, 1_000, 1_000, 0, 0, 0, null, "error"],
  [10, 60, "bob", "bob@example.com", INITECH, "widget", HAIKU, 500_000, 100_000, 0, 0, 0, 700, "success"],
  [10, 61, "alice", "alice@old.example", null, "report", "gpt-4o-mini", 1_000_000, 200_000, 0, 0, 0, 650, "success"],
  [29, 1, "carol", null, ACME_OLD, "report", SONNET, 90_000, 9_000, 1_000, 2_000, 3_000, 1_100, "success"],
  [30, 1_439, "alice", "alice@old.example", ACME_OLD, "report", SONNET, 999_999, 99_999, 0, 0, 0, 5_000, "success"],
  [40, 100, "bob", "bob@example.com", GLOBEX, "insight", "claude-opus-4-1", 100_000, 50_000, 0, 0, 0, 3_000, "success"],
  ["mid-month-45-days-back", 720, "dave", "dave@example.com", INITECH, "report", SONNET, 300_000, 30_000, 0, 0, 0, 2_000, "success"],
  ["mid-month-45-days-back", 721, "carol", null, null, "widget", UNPRICED_MODEL, 5_000, 500, 0, 0, 0, null, "error"],
  ["last-year", 0, "alice", "alice@old.example", ACME_OLD, "report", SONNET, 10_000, 1_000, 0, 0, 0, 900, "success"],
];

function dayOf(when: Row[0], today: string): string {
  if (when === "last-year") return addDays(today, -400);
  // The 15th of the month 45 days back lies 31 to 61 days back: in a month before this one, yet
  // never inside the last 30 days, whatever today's day of the month.
  if (when === "mid-month-45-days-back") return `${addDays(today, -45).slice(0, 8)}15`;
  return addDays(today, -when);
}

/** The fixture as log_ai_usage_batch events, for the database's today and reporting time zone. */
export async function fixtureEvents(client: pg.Client): Promise<UsageEvent[]> {
  const today = await reportingToday(client);
  const createdAt = await localTimestamps(
    client,
    ROWS.map(([when, minute]) => [dayOf(when, today), minute]),
  );
  return ROWS.map(
    (
      [_when, _minute, user, email, customer, type, model, input, output, w5m, w1h, read, latency, status],
      i,
    ) => ({
      request_id: `fixture-${randomUUID()}`,
      user_id: USERS[user],
      ...(email === null ? {} : { user_email: email }),
      ...(customer === null ? {} : { customer_id: customer[0], customer_name: customer[1] }),
      request_type: type,
      model_used: model,
      input_tokens: input,
      output_tokens: output,
      cache_write_5m_tokens: w5m,
      cache_write_1h_tokens: w1h,
      cache_read_tokens: read,
      latency_ms: latency,
      status,
      ...(status === "error" ? { error_message: "upstream overloaded" } : {}),
      created_at: createdAt[i],
    }),
  );
}

/** Inserts the fixture (as two batches, so summaries merge across statements) and returns its events. */
export async function insertFixture(client: pg.Client): Promise<UsageEvent[]> {
  const events = await fixtureEvents(client);
  await logBatch(client, events.slice(0, 7));
  await logBatch(client, events.slice(7));
  return events;
}
