import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect, createIsolatedDatabase } from "./helpers/database.js";
import { type BatchResultRow, logBatch, type UsageEvent } from "./helpers/events.js";
import { pick, randomInt, seededRandom, shuffle } from "./helpers/random.js";
import { compareSummariesWithLog, reconcile } from "./helpers/summary-oracle.js";

// Many writers at once, sharing users, customers, days and (on purpose) request ids: the summaries
// must still equal the log exactly, every request id must be stored once, and no writer may see an
// error (a deadlock, 40P01, would be one: summary rows must be locked in one global order).

const WRITERS = 8;
const BATCHES_PER_WRITER = 20;
const random = seededRandom(20261127);

const users = Array.from({ length: 12 }, () => randomUUID());
const customers: ([number, string] | null)[] = [
  null,
  [1, "Acme"],
  [2, "Globex"],
  [3, "Initech"],
  [4, "Umbrella"],
  [5, "Hooli"],
];
const models = [
  "claude-sonnet-4-20250514",
  "claude-haiku-4-5",
  "gpt-4o-2024-08-06",
  "gpt-4o-mini",
  "unpriced-model-x",
];
const types = ["report", "insight", "widget", "scheduled"];
const DAY = 86_400_000;
// A fixed span, so the workload is the same on every run (seeded, and not moving with the clock).
const SPAN_END = Date.parse("2026-04-02T00:00:00Z");

function makeEvent(requestId: string): UsageEvent {
  const customer = pick(random, customers);
  const failed = random() < 0.1;
  return {
    request_id: requestId,
    user_id: pick(random, users),
    user_email: random() < 0.8 ? `user${randomInt(random, 1, 3)}@example.com` : null,
    ...(customer ? { customer_id: customer[0], customer_name: customer[1] } : {}),
    request_type: pick(random, types),
    model_used: pick(random, models),
    input_tokens: randomInt(random, 0, 50_000),
    output_tokens: randomInt(random, 0, 5_000),
    cache_write_5m_tokens: random() < 0.3 ? randomInt(random, 1, 20_000) : 0,
    cache_write_1h_tokens: random() < 0.1 ? randomInt(random, 1, 20_000) : 0,
    cache_read_tokens: random() < 0.4 ? randomInt(random, 1, 100_000) : 0,
    latency_ms: random() < 0.9 ? randomInt(random, 50, 20_000) : null,
    status: failed ? "error" : "success",
    ...(failed ? { error_message: "overloaded" } : {}),
    // Spread over 45 days, so batches cross days and month boundaries.
    created_at: new Date(SPAN_END - randomInt(random, 0, 45 * DAY)).toISOString(),
  };
}

// Request ids shared by all writers (a retry reaching the database twice carries the same event).
const shared = Array.from({ length: 2000 }, (_, i) => makeEvent(`shared-${i}`));

const workload: UsageEvent[][][] = Array.from({ length: WRITERS }, (_, writer) => {
  let fresh = 0;
  const batches = Array.from({ length: BATCHES_PER_WRITER }, () =>
    Array.from({ length: randomInt(random, 50, 200) }, () =>
      random() < 0.35 ? pick(random, shared) : makeEvent(`w${writer}-${fresh++}`),
    ),
  );
  return shuffle(random, batches);
});
const sentIds = new Set(workload.flat(2).map((event) => event.request_id as string));

let url: string;
let client: pg.Client;
beforeAll(async () => {
  url = await createIsolatedDatabase("concurrency");
  client = await connect(url);
});
afterAll(async () => {
  await client.end();
});

describe("summaries under concurrent writers", () => {
  const results: BatchResultRow[] = [];
  const errors: { writer: number; code?: string; message: string }[] = [];

  test(`${WRITERS} writers, ${BATCHES_PER_WRITER} batches each, overlapping everything: no errors`, async () => {
    const writers = await Promise.all(workload.map(() => connect(url)));
    try {
      await Promise.all(
        writers.map(async (writer, index) => {
          for (const batch of workload[index]!) {
            try {
              results.push(...(await logBatch(writer, batch)));
            } catch (error) {
              const { code, message } = error as Error & { code?: string };
              errors.push({ writer: index, code, message });
            }
          }
        }),
      );
    } finally {
      await Promise.all(writers.map((writer) => writer.end()));
    }
    expect(errors.filter((error) => error.code === "40P01")).toEqual([]);
    expect(errors).toEqual([]);
    expect(results).toHaveLength(workload.flat(2).length);
  }, 120_000);

  test("every request id is stored exactly once, and reported inserted exactly once", async () => {
    const { rows } = await client.query<{ request_id: string }>("SELECT request_id FROM ai_usage_log");
    expect(rows).toHaveLength(sentIds.size);
    expect(new Set(rows.map((row) => row.request_id))).toEqual(sentIds);
    const insertedCount = new Map<string, number>();
    for (const row of results) {
      if (row.inserted) insertedCount.set(row.request_id, (insertedCount.get(row.request_id) ?? 0) + 1);
    }
    expect([...insertedCount.values()].every((count) => count === 1)).toBe(true);
    expect(insertedCount.size).toBe(sentIds.size);
    // Every answer for one request id names the same row.
    const idOf = new Map<string, string>();
    const conflicting = results.filter(
      (row) => (idOf.get(row.request_id) ?? idOf.set(row.request_id, row.id).get(row.request_id)) !== row.id,
    );
    expect(conflicting).toEqual([]);
  });

  test("reconcile_ai_usage_summaries() finds no mismatch", async () => {
    const result = await reconcile(client);
    expect(result).toMatchObject({ ok: true, mismatches: 0, log_rows: sentIds.size });
  });

  test("each summary table equals a GROUP BY of the raw log", async () => {
    const comparison = await compareSummariesWithLog(client);
    for (const [table, { expected, actual }] of Object.entries(comparison)) {
      expect(expected.length, table).toBeGreaterThan(0);
      expect(actual, table).toEqual(expected);
    }
  });
});
