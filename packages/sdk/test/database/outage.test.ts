import { describe, expect, it, vi } from "vitest";
import {
  createUsageRecorder,
  getUsageDashboard,
  reconcileSummaries,
  UsageDeliveryError,
  type UsageError,
  UsageEventsDroppedError,
  type UsageSink,
} from "../../src/index.js";
import { createPgSink, createPgTransport } from "../../src/pg.js";
import { newUserId, useTestDatabase } from "../support/database.js";

const event = (userId: string, index: number) => ({
  userId,
  modelUsed: "claude-sonnet-4-20250514",
  provider: "anthropic",
  inputTokens: 100 + (index % 7),
  outputTokens: 10,
  cacheReadTokens: index % 3,
});

async function storedIds(
  pool: import("pg").Pool,
  userId: string,
): Promise<{ total: number; ids: Set<string> }> {
  const { rows } = await pool.query<{ request_id: string }>(
    "select request_id from public.ai_usage_log where user_id = $1",
    [userId],
  );
  return { total: rows.length, ids: new Set(rows.map((row) => row.request_id)) };
}

describe("a database outage while recording", () => {
  const database = useTestDatabase({ ownServer: true });

  it("10,000 events in flight, server stopped, recording continues, server started: each stored exactly once", async () => {
    const userId = newUserId();
    // A short connect timeout so attempts fail fast while the server is down.
    const pool = database.newPool({ max: 4, connectionTimeoutMillis: 1000 });
    const errors: UsageError[] = [];
    const retries: string[] = [];
    const recorder = createUsageRecorder({
      sink: createPgSink(pool),
      batchSize: 500,
      flushIntervalMs: 20,
      maxBufferSize: 50_000,
      retry: { initialDelayMs: 50, maxDelayMs: 500 },
      onError: (error) => errors.push(error),
      onRetry: (error) => retries.push(error.name),
    });

    const ids: string[] = [];
    for (let i = 0; i < 10_000; i++) ids.push(recorder.record(event(userId, i)));
    // Pull the server away mid-stream: some batches are stored, one is being written, most wait.
    await vi.waitFor(() => expect(recorder.stats.written).toBeGreaterThanOrEqual(1000), {
      timeout: 30_000,
      interval: 5,
    });
    await database.server.stopServer();
    const atStop = recorder.stats;
    expect(atStop.written).toBeLessThan(10_000);
    // The application keeps running and recording while the database is down.
    for (let i = 10_000; i < 12_000; i++) {
      ids.push(recorder.record(event(userId, i)));
      if (i % 500 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(recorder.stats.pending).toBeGreaterThan(0);
    await database.server.startServer();

    const closed = await recorder.close({ timeoutMs: 90_000 });
    expect(closed).toMatchObject({ drained: true, undelivered: 0 });
    expect(closed.stats).toMatchObject({ accepted: 12_000, written: 12_000, dropped: 0, pending: 0 });
    expect(closed.stats.retried).toBeGreaterThan(0);
    // Nothing dropped; a slow restart may add outage reports, which are not losses.
    expect(errors.filter((error) => !(error instanceof UsageDeliveryError))).toEqual([]);
    expect(retries.length).toBe(closed.stats.retried);

    const stored = await storedIds(database.pool, userId);
    expect(stored.total).toBe(12_000);
    expect(stored.ids).toEqual(new Set(ids));
    // Summaries (what dashboards read) agree with the log: nothing counted twice.
    const transport = createPgTransport(database.pool);
    expect(await reconcileSummaries(transport)).toMatchObject({ ok: true, mismatches: 0 });
    // Today and yesterday: the run may cross midnight in the reporting time zone.
    const dashboard = await getUsageDashboard(transport, { days: 2 });
    expect(dashboard.by_user.find((row) => row.user_id === userId)?.request_count).toBe(12_000);
  });

  it("a handler's `await flush()` returns at its deadline while the server is down; onError hears of the outage and of its end", async () => {
    const userId = newUserId();
    const pool = database.newPool({ max: 2, connectionTimeoutMillis: 1000 });
    const pgSink = createPgSink(pool);
    let attempts = 0;
    const countingSink: UsageSink = {
      writeBatch: (events) => {
        attempts++;
        return pgSink.writeBatch(events);
      },
    };
    const errors: UsageError[] = [];
    const recorder = createUsageRecorder({
      sink: countingSink,
      flushIntervalMs: 20,
      outageReportAfterMs: 1000,
      retry: { initialDelayMs: 50, maxDelayMs: 200 },
      onError: (error) => errors.push(error),
    });
    await database.server.stopServer();
    const ids = Array.from({ length: 50 }, (_, i) => recorder.record(event(userId, i)));

    // The README's serverless advice, as written: flush() with its default deadline (5 s).
    const started = performance.now();
    const flushed = await recorder.flush();
    const waitedMs = performance.now() - started;
    expect(waitedMs).toBeGreaterThanOrEqual(4900);
    expect(waitedMs).toBeLessThan(30_000);
    expect(flushed).toMatchObject({
      drained: false,
      pending: 50,
      failure: { name: "UsageConnectionError" },
      stats: { accepted: 50, written: 0, dropped: 0, pending: 50 },
    });
    expect(attempts).toBeGreaterThan(5);
    const outage = errors.filter((error): error is UsageDeliveryError => error instanceof UsageDeliveryError);
    expect(outage.map((report) => report.context.state)).toEqual(["failing"]);
    expect(outage[0]!.context).toMatchObject({ pending: 50 });
    expect(outage[0]!.cause).toMatchObject({ name: "UsageConnectionError" });

    await database.server.startServer();
    expect(await recorder.flush({ timeoutMs: 60_000 })).toMatchObject({ drained: true, pending: 0 });
    const reports = errors.filter(
      (error): error is UsageDeliveryError => error instanceof UsageDeliveryError,
    );
    expect(reports.map((report) => report.context.state)).toEqual(["failing", "recovered"]);
    expect(errors).toEqual(reports); // nothing dropped
    expect((await storedIds(database.pool, userId)).ids).toEqual(new Set(ids));
    await recorder.close();
  });

  it("a tiny buffer overflows during the outage: the overflow is counted and reported, the rest is stored", async () => {
    const userId = newUserId();
    const pool = database.newPool({ max: 2, connectionTimeoutMillis: 500 });
    const errors: UsageError[] = [];
    const recorder = createUsageRecorder({
      sink: createPgSink(pool),
      batchSize: 50,
      maxBufferSize: 100,
      flushIntervalMs: 20,
      retry: { initialDelayMs: 50, maxDelayMs: 200 },
      onError: (error) => errors.push(error),
    });
    await database.server.stopServer();
    const ids = Array.from({ length: 500 }, (_, i) => recorder.record(event(userId, i)));
    expect(recorder.stats).toMatchObject({ accepted: 100, dropped: 400 });
    await database.server.startServer();
    const closed = await recorder.close({ timeoutMs: 60_000 });
    expect(closed.stats).toMatchObject({ accepted: 100, written: 100, dropped: 400 });

    const reports = errors.filter(
      (error): error is UsageEventsDroppedError => error instanceof UsageEventsDroppedError,
    );
    expect(reports.length).toBe(errors.length);
    expect(reports.every((report) => report.context.reason === "buffer_overflow")).toBe(true);
    const overflowed = reports.flatMap((report) => report.context.requestIds);
    expect(overflowed).toEqual(ids.slice(100));
    const stored = await storedIds(database.pool, userId);
    expect(stored.ids).toEqual(new Set(ids.slice(0, 100)));
  });
});
