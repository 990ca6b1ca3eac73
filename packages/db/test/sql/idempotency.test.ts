import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect } from "./helpers/database.js";
import { logBatch, logOne, uniqueTag, usageEvent } from "./helpers/events.js";
import { compareSummariesWithLog } from "./helpers/summary-oracle.js";

let client: pg.Client;

beforeAll(async () => {
  client = await connect();
});
afterAll(async () => {
  await client.end();
});

async function rowsFor(requestIds: string[]): Promise<{ request_id: string; id: string }[]> {
  const { rows } = await client.query<{ request_id: string; id: string }>(
    "SELECT request_id, id FROM ai_usage_log WHERE request_id = ANY($1) ORDER BY request_id",
    [requestIds],
  );
  return rows;
}

async function userRequestCount(userId: string): Promise<string> {
  const { rows } = await client.query<{ requests: string }>(
    "SELECT coalesce(sum(requests), 0)::text AS requests FROM ai_usage_summary WHERE user_id = $1",
    [userId],
  );
  return rows[0]!.requests;
}

describe("idempotent ingestion", () => {
  test("log_ai_usage with the same request id twice returns the same id and stores one row", async () => {
    const userId = randomUUID();
    const requestId = `msg_${randomUUID()}`;
    const first = await logOne(client, { user_id: userId, request_id: requestId, input_tokens: 10 });
    // A retry, even with different figures, changes nothing.
    const second = await logOne(client, { user_id: userId, request_id: requestId, input_tokens: 99 });
    expect(second).toBe(first);
    const { rows } = await client.query("SELECT id, input_tokens FROM ai_usage_log WHERE user_id = $1", [
      userId,
    ]);
    expect(rows).toEqual([{ id: first, input_tokens: 10 }]);
    expect(await userRequestCount(userId)).toBe("1");
  });

  test("without a request id, every call is a new row", async () => {
    const userId = randomUUID();
    const first = await logOne(client, { user_id: userId });
    const second = await logOne(client, { user_id: userId });
    expect(second).not.toBe(first);
    expect(await userRequestCount(userId)).toBe("2");
  });

  test("a batch with duplicates inside it stores each request id once; the first event wins", async () => {
    const userId = randomUUID();
    const [a, b] = [`a-${randomUUID()}`, `b-${randomUUID()}`];
    const result = await logBatch(client, [
      usageEvent(userId, { request_id: a, input_tokens: 1 }),
      usageEvent(userId, { request_id: b, input_tokens: 2 }),
      usageEvent(userId, { request_id: a, input_tokens: 3 }),
      usageEvent(userId, { request_id: a, input_tokens: 4 }),
    ]);
    const stored = await rowsFor([a, b]);
    const idOf = new Map(stored.map((row) => [row.request_id, row.id]));
    expect(stored).toHaveLength(2);
    expect(result).toEqual([
      { event_index: 0, id: idOf.get(a), request_id: a, inserted: true },
      { event_index: 1, id: idOf.get(b), request_id: b, inserted: true },
      { event_index: 2, id: idOf.get(a), request_id: a, inserted: false },
      { event_index: 3, id: idOf.get(a), request_id: a, inserted: false },
    ]);
    const { rows } = await client.query("SELECT input_tokens FROM ai_usage_log WHERE request_id = $1", [a]);
    expect(rows).toEqual([{ input_tokens: 1 }]);
    expect(await userRequestCount(userId)).toBe("2");
  });

  test("a batch repeating earlier batches inserts only what is new, and summaries count each once", async () => {
    const userId = randomUUID();
    const requestType = `idem-${uniqueTag()}`;
    const event = (requestId: string, day: string) =>
      usageEvent(userId, {
        request_id: requestId,
        request_type: requestType,
        customer_id: 7,
        created_at: `2026-0${day}T10:00:00Z`,
        input_tokens: 1000,
        output_tokens: 100,
      });
    const ids = Array.from({ length: 4 }, () => `r-${randomUUID()}`) as [string, string, string, string];
    const first = await logBatch(client, [event(ids[0], "3-01"), event(ids[1], "3-02")]);
    expect(first.map((row) => row.inserted)).toEqual([true, true]);

    // A retry of the whole first batch plus new events, one of them twice.
    const second = await logBatch(client, [
      event(ids[2], "3-02"),
      event(ids[1], "3-02"),
      event(ids[0], "3-01"),
      event(ids[3], "4-01"),
      event(ids[3], "4-01"),
    ]);
    expect(second.map((row) => [row.request_id, row.inserted])).toEqual([
      [ids[2], true],
      [ids[1], false],
      [ids[0], false],
      [ids[3], true],
      [ids[3], false],
    ]);
    // The ids returned for repeats are the first batch's.
    expect(second[1]!.id).toBe(first[1]!.id);
    expect(second[2]!.id).toBe(first[0]!.id);
    expect(second[4]!.id).toBe(second[3]!.id);
    expect(await rowsFor(ids)).toHaveLength(4);

    // Replaying both batches once more changes nothing at all.
    const replay = await logBatch(client, [
      event(ids[0], "3-01"),
      event(ids[2], "3-02"),
      event(ids[3], "4-01"),
    ]);
    expect(replay.every((row) => !row.inserted)).toBe(true);

    const { rows } = await client.query(
      `SELECT month::text, requests::text, input_tokens::text FROM ai_usage_summary
       WHERE user_id = $1 ORDER BY month`,
      [userId],
    );
    expect(rows).toEqual([
      { month: "2026-03-01", requests: "3", input_tokens: "3000" },
      { month: "2026-04-01", requests: "1", input_tokens: "1000" },
    ]);
    const comparison = await compareSummariesWithLog(client, "UTC", {
      userIds: [userId],
      requestTypes: [requestType],
    });
    for (const { expected, actual } of Object.values(comparison)) expect(actual).toEqual(expected);
    expect(comparison.ai_usage_daily_by_customer!.actual.map((row) => row.requests)).toEqual(["1", "2", "1"]);
  });

  test("an empty batch stores nothing and returns no rows", async () => {
    expect(await logBatch(client, [])).toEqual([]);
  });
});
