import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect } from "./helpers/database.js";
import { expectSqlError } from "./helpers/errors.js";
import { type BatchResultRow, logBatch } from "./helpers/events.js";

// Two writers sending the same request id at the same moment (a retry racing the original): the
// second waits for the first, then reports the first one's row (inserted = false) if it committed,
// or stores its own if it rolled back. Under REPEATABLE READ it cannot see the first one's row, so
// it must fail with 40001 (retry) rather than return a row id it cannot see.

let first: pg.Client;
let second: pg.Client;
let observer: pg.Client;
const userId = randomUUID();

beforeAll(async () => {
  [first, second, observer] = await Promise.all([connect(), connect(), connect()]);
});
afterAll(async () => {
  await Promise.all([first.end(), second.end(), observer.end()]);
});

const event = (requestId: string) => ({ user_id: userId, request_id: requestId });

/** Resolves once `client`'s backend is waiting for a lock (proof that the race really happened). */
async function waitUntilBlocked(client: pg.Client): Promise<void> {
  const pid = (client as unknown as { processID: number }).processID;
  for (let attempt = 0; attempt < 200; attempt++) {
    const { rows } = await observer.query("SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1", [
      pid,
    ]);
    if (rows[0]?.wait_event_type === "Lock") return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the second writer never waited for the first");
}

async function storedIds(requestIds: string[]): Promise<Record<string, string>> {
  const { rows } = await observer.query(
    "SELECT request_id, id FROM ai_usage_log WHERE request_id = ANY($1)",
    [requestIds],
  );
  return Object.fromEntries(rows.map((row) => [row.request_id, row.id]));
}

const shape = (rows: BatchResultRow[]) => rows.map((row) => [row.request_id, row.id, row.inserted]);

describe("the same request id from two writers at once", () => {
  test("the second waits, then reports the first writer's committed row as not inserted", async () => {
    const [x, y, z] = [`x-${randomUUID()}`, `y-${randomUUID()}`, `z-${randomUUID()}`];
    await first.query("BEGIN");
    await logBatch(first, [event(x), event(y)]);
    const racing = logBatch(second, [event(y), event(z)]);
    await waitUntilBlocked(second);
    await first.query("COMMIT");
    const result = await racing;
    const ids = await storedIds([x, y, z]);
    expect(Object.keys(ids).sort()).toEqual([x, y, z].sort());
    expect(shape(result)).toEqual([
      [y, ids[y], false],
      [z, ids[z], true],
    ]);
  });

  test("if the first rolls back, the second stores the row itself", async () => {
    const x = `x-${randomUUID()}`;
    await first.query("BEGIN");
    const [mine] = await logBatch(first, [event(x)]);
    const racing = logBatch(second, [event(x)]);
    await waitUntilBlocked(second);
    await first.query("ROLLBACK");
    const result = await racing;
    const ids = await storedIds([x]);
    expect(ids[x]).not.toBe(mine!.id);
    expect(shape(result)).toEqual([[x, ids[x], true]]);
  });

  test("under REPEATABLE READ the second fails with 40001 and stores nothing", async () => {
    const [x, other] = [`x-${randomUUID()}`, `other-${randomUUID()}`];
    await second.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    await second.query("SELECT 1"); // takes the transaction's snapshot now, before the first commits
    await first.query("BEGIN");
    await logBatch(first, [event(x)]);
    // The check is attached at once: the second fails as soon as the first commits, possibly before
    // COMMIT's reply reaches this client, and a rejection nobody handles yet is an unhandled one.
    const failed = expectSqlError(logBatch(second, [event(other), event(x)]), "40001");
    await waitUntilBlocked(second);
    await first.query("COMMIT");
    await failed;
    await second.query("ROLLBACK");
    expect(Object.keys(await storedIds([x, other]))).toEqual([x]);
  });
});
