import { afterEach, describe, expect, it, vi } from "vitest";
import { connectionError, sqlError } from "../../test/support/errors.js";
import { FakeSink } from "../../test/support/fake-sink.js";
import { event, setupRecorder as setup } from "../../test/support/recorder-setup.js";
import { UsageEventsDroppedError } from "../errors/dropped-error.js";
import type { UsageError } from "../errors/usage-error.js";
import { UsageValidationError } from "../errors/validation-error.js";
import { createUsageRecorder } from "./usage-recorder.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("createUsageRecorder: batching", () => {
  it("writes as soon as batchSize events are buffered", async () => {
    const { sink, recorder } = setup({ batchSize: 3 });
    for (let i = 0; i < 3; i++) recorder.record(event());
    await vi.waitFor(() => expect(sink.batches).toHaveLength(1));
    expect(sink.batches[0]).toHaveLength(3);
    await recorder.close();
  });

  it("writes a partial batch after flushIntervalMs, not before", async () => {
    vi.useFakeTimers();
    const { sink, recorder } = setup({ batchSize: 100, flushIntervalMs: 30 });
    recorder.record(event());
    await vi.advanceTimersByTimeAsync(20);
    recorder.record(event()); // the interval counts from the first buffered event
    await vi.advanceTimersByTimeAsync(9);
    expect(sink.attempts).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(sink.attempts).toBe(1);
    expect(sink.stored.size).toBe(2);
    expect(recorder.stats).toMatchObject({ accepted: 2, written: 2, pending: 0 });
  });

  it("splits into batches of at most batchSize, in the order recorded", async () => {
    const { sink, recorder } = setup({ batchSize: 3 });
    const ids = Array.from({ length: 7 }, () => recorder.record(event()));
    await recorder.flush();
    expect(sink.batches.map((batch) => batch.length)).toEqual([3, 3, 1]);
    expect(sink.batches.flat().map((e) => e.request_id)).toEqual(ids);
  });

  it("gives every event a UUIDv7 request id at record time unless the caller gave one", async () => {
    const { sink, recorder } = setup();
    const made = recorder.record(event());
    const given = recorder.record(event({ requestId: "msg_01ABC" }));
    await recorder.flush();
    expect(made).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(given).toBe("msg_01ABC");
    expect([...sink.stored.keys()]).toEqual([made, "msg_01ABC"]);
  });

  it("stamps created_at when record() is called, not when the batch is written", async () => {
    vi.useFakeTimers();
    const { sink, recorder } = setup({ flushIntervalMs: 50, batchSize: 100 });
    const recordedAt = new Date();
    recorder.record(event());
    // An hour passes before the write (an outage, a long flush interval): the stamp must not move.
    vi.setSystemTime(recordedAt.getTime() + 60 * 60 * 1000);
    await recorder.flush();
    expect(sink.attempts).toBe(1);
    expect([...sink.stored.values()][0]!.created_at).toBe(recordedAt.toISOString());
  });

  it("leaves created_at to the database with timestamp: 'database' (unless the event has one)", async () => {
    const { sink, recorder } = setup({ timestamp: "database" });
    recorder.record(event());
    recorder.record(event({ createdAt: "2026-01-02T03:04:05Z" }));
    await recorder.flush();
    expect([...sink.stored.values()].map((stored) => stored.created_at)).toEqual([
      undefined,
      "2026-01-02T03:04:05.000Z",
    ]);
  });

  it("flush() resolves once everything recorded before it is settled", async () => {
    const { sink, recorder } = setup({ batchSize: 2 });
    sink.latencyMs = 5;
    for (let i = 0; i < 5; i++) recorder.record(event());
    expect(await recorder.flush()).toMatchObject({ drained: true, pending: 0, failure: undefined });
    expect(recorder.stats).toMatchObject({ accepted: 5, written: 5, pending: 0 });
    const attempts = sink.attempts;
    expect(await recorder.flush()).toMatchObject({ drained: true, pending: 0 }); // nothing pending
    expect(sink.attempts).toBe(attempts);
  });
});

describe("createUsageRecorder: validation", () => {
  it("throws a typed validation error naming the field, synchronously", () => {
    const { recorder } = setup();
    expect(() => recorder.record(event({ inputTokens: -3 }))).toThrow(UsageValidationError);
    try {
      recorder.record(event({ status: "done" }));
    } catch (error) {
      expect(error).toBeInstanceOf(UsageValidationError);
      expect((error as UsageValidationError).field).toBe("status");
      expect((error as UsageValidationError).name).toBe("UsageValidationError");
      expect((error as UsageValidationError).retryable).toBe(false);
      expect((error as Error).message).toContain("event.status");
    }
    expect(recorder.stats.accepted).toBe(0);
  });

  it("tryRecord() reports invalid input through onError and counts it as dropped", () => {
    const { recorder, errors } = setup();
    expect(recorder.tryRecord(event({ outputTokens: -1 }))).toBeUndefined();
    expect(
      recorder.tryRecord(() => {
        throw new Error("no request context");
      }),
    ).toBeUndefined();
    expect(errors.map((error) => error.name)).toEqual(["UsageValidationError", "UsageValidationError"]);
    expect(errors[1]!.message).toContain("no request context");
    expect(recorder.stats.dropped).toBe(2);
  });

  it("never throws because of the database", async () => {
    const { sink, recorder, errors } = setup({ batchSize: 1 });
    sink.failAlways = sqlError("42501", "permission denied");
    expect(() => recorder.record(event())).not.toThrow();
    await expect(recorder.flush()).resolves.toMatchObject({ drained: true, pending: 0 });
    expect(errors).toHaveLength(1);
  });
});

describe("createUsageRecorder: retries", () => {
  it("retries transient failures with backoff until the write succeeds", async () => {
    const retries: { attempt: number; delayMs: number; code: unknown }[] = [];
    const { sink, recorder, errors } = setup({
      retry: { initialDelayMs: 2, maxDelayMs: 100 },
      onRetry: (error, attempt, delayMs) => retries.push({ attempt, delayMs, code: error.context }),
    });
    sink.failures = [
      connectionError(),
      sqlError("08006"),
      sqlError("40001"),
      sqlError("40P01"),
      sqlError("57P01"),
    ];
    recorder.record(event());
    recorder.record(event());
    await recorder.flush();
    expect(sink.attempts).toBe(6);
    expect(retries.map((retry) => retry.attempt)).toEqual([1, 2, 3, 4, 5]);
    // Exponential with equal jitter: attempt n waits between half and all of 2 * 2^(n-1) ms.
    retries.forEach(({ attempt, delayMs }) => {
      expect(delayMs).toBeGreaterThanOrEqual(2 ** attempt / 2);
      expect(delayMs).toBeLessThanOrEqual(2 ** attempt);
    });
    expect(recorder.stats).toMatchObject({ written: 2, retried: 5, dropped: 0 });
    expect(errors).toEqual([]);
  });

  it.each(["53300", "57P03", "08001"])("treats SQLSTATE %s as transient", async (code) => {
    const { sink, recorder } = setup();
    sink.failures = [sqlError(code)];
    recorder.record(event());
    await recorder.flush();
    expect(sink.attempts).toBe(2);
    expect(recorder.stats.written).toBe(1);
  });

  it("gives up after retry.maxAttempts and reports the events as dropped", async () => {
    const { sink, recorder, errors } = setup({ retry: { initialDelayMs: 1, maxAttempts: 3 } });
    sink.failAlways = sqlError("53300", "too many connections");
    const ids = [recorder.record(event()), recorder.record(event())];
    await recorder.flush();
    expect(sink.attempts).toBe(3);
    expect(recorder.stats).toMatchObject({ written: 0, retried: 2, dropped: 2, pending: 0 });
    const dropped = errors[0] as UsageEventsDroppedError;
    expect(dropped).toBeInstanceOf(UsageEventsDroppedError);
    expect(dropped.context).toEqual({ reason: "retries_exhausted", count: 2, requestIds: ids });
    expect((dropped.cause as UsageError).context).toMatchObject({ code: "53300" });
  });

  it.each([
    ["42501", "permission denied"],
    ["22023", "event 0: user_id is required"],
  ])("does not retry SQLSTATE %s: drops the batch and reports it", async (code, message) => {
    const { sink, recorder, errors } = setup();
    sink.failAlways = sqlError(code, message);
    recorder.record(event());
    await recorder.flush();
    expect(sink.attempts).toBe(1);
    expect(recorder.stats).toMatchObject({ retried: 0, dropped: 1 });
    expect(errors[0]).toBeInstanceOf(UsageEventsDroppedError);
    expect((errors[0] as UsageEventsDroppedError).context.reason).toBe("rejected");
    expect((errors[0]!.cause as UsageError).name).toBe(
      code === "42501" ? "UsagePermissionError" : "UsageDatabaseError",
    );
  });

  it("narrows a data error down to the one bad event and writes the rest", async () => {
    const { sink, recorder, errors } = setup({ batchSize: 100 });
    sink.rejectWhen = (e) => (e.session_id === "bad" ? sqlError("22023", "event 3: bad") : undefined);
    const ids = Array.from({ length: 8 }, (_, i) =>
      recorder.record(event({ sessionId: i === 3 ? "bad" : "ok" })),
    );
    await recorder.flush();
    expect(sink.stored.size).toBe(7);
    expect(recorder.stats).toMatchObject({ written: 7, dropped: 1 });
    expect((errors[0] as UsageEventsDroppedError).context.requestIds).toEqual([ids[3]]);
  });

  it("never double counts when a write succeeded but its answer was lost", async () => {
    const { sink, recorder } = setup();
    sink.loseAnswerOnce = connectionError();
    for (let i = 0; i < 4; i++) recorder.record(event());
    await recorder.flush();
    expect(sink.attempts).toBe(2);
    expect(sink.stored.size).toBe(4);
    expect(recorder.stats).toMatchObject({ written: 4, duplicates: 4, retried: 1, dropped: 0 });
  });

  it("counts nothing as written when a custom sink answers with something other than result rows", async () => {
    const { recorder, errors } = setup({ sink: { writeBatch: async () => [{ nope: true }] as never } });
    recorder.record(event());
    await recorder.flush();
    expect(recorder.stats).toMatchObject({ written: 0, dropped: 1 });
    expect(errors[0]!.cause).toBeInstanceOf(UsageValidationError);
  });

  it("treats an unknown error from a custom sink as permanent", async () => {
    const { recorder, errors } = setup({
      sink: {
        writeBatch: async () => {
          throw new TypeError("bug in my sink");
        },
      },
    });
    recorder.record(event());
    await recorder.flush();
    expect(recorder.stats.dropped).toBe(1);
    expect(errors[0]!.message).toContain("bug in my sink");
  });
});

describe("createUsageRecorder: bounded buffer", () => {
  it("counts overflow and reports it through onError, coalesced, never silently", async () => {
    vi.useFakeTimers();
    const { recorder, errors } = setup({ maxBufferSize: 5, batchSize: 100, flushIntervalMs: 20 });
    const ids = Array.from({ length: 8 }, () => recorder.record(event()));
    expect(recorder.stats).toMatchObject({ accepted: 5, dropped: 3, pending: 5 });
    await vi.advanceTimersByTimeAsync(19);
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(errors).toHaveLength(1);
    const overflow = errors[0] as UsageEventsDroppedError;
    expect(overflow.context).toEqual({ reason: "buffer_overflow", count: 3, requestIds: ids.slice(5) });
    expect(overflow.message).toContain("maxBufferSize 5");
  });

  it("counts events in flight against the bound during an outage", async () => {
    const { sink, recorder, errors } = setup({ maxBufferSize: 3, batchSize: 2 });
    sink.failAlways = connectionError();
    for (let i = 0; i < 5; i++) recorder.record(event());
    await vi.waitFor(() => expect(sink.attempts).toBeGreaterThan(1));
    expect(recorder.stats).toMatchObject({ accepted: 3, dropped: 2, pending: 3 });
    sink.failAlways = undefined;
    await recorder.close();
    expect(sink.stored.size).toBe(3);
    expect(errors.map((error) => (error as UsageEventsDroppedError).context.reason)).toEqual([
      "buffer_overflow",
    ]);
  });
});

describe("createUsageRecorder: close()", () => {
  it("drains everything when the database is reachable", async () => {
    const { sink, recorder } = setup({ batchSize: 2 });
    for (let i = 0; i < 5; i++) recorder.record(event());
    const result = await recorder.close();
    expect(result).toMatchObject({ drained: true, undelivered: 0 });
    expect(sink.stored.size).toBe(5);
  });

  it("stops at its deadline and reports what it could not write", async () => {
    vi.useFakeTimers();
    const { sink, recorder, errors } = setup({ batchSize: 2 });
    sink.failAlways = connectionError();
    const ids = Array.from({ length: 5 }, () => recorder.record(event()));
    let closed: Awaited<ReturnType<typeof recorder.close>> | undefined;
    void recorder.close({ timeoutMs: 150 }).then((result) => {
      closed = result;
    });
    await vi.advanceTimersByTimeAsync(149);
    expect(closed).toBeUndefined();
    expect(sink.attempts).toBeGreaterThan(10); // it kept retrying until the deadline
    await vi.advanceTimersByTimeAsync(1);
    const result = closed!;
    expect(result).toMatchObject({ drained: false, undelivered: 5 });
    expect(result.stats).toMatchObject({ accepted: 5, written: 0, dropped: 5, pending: 0 });
    const report = errors.at(-1) as UsageEventsDroppedError;
    expect(report.context.reason).toBe("close_timeout");
    expect(new Set(report.context.requestIds)).toEqual(new Set(ids));
    const attemptsAtClose = sink.attempts;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sink.attempts).toBe(attemptsAtClose); // no retrying after close
    expect(vi.getTimerCount()).toBe(0); // and nothing left that could
  });

  it("does not wait past the deadline for a write that hangs", async () => {
    const { sink, recorder } = setup();
    sink.latencyMs = 5_000;
    recorder.record(event());
    const result = await recorder.close({ timeoutMs: 50 });
    expect(result).toMatchObject({ drained: false, undelivered: 1 });
  });

  it("is idempotent, and drops (and reports) events recorded after it", async () => {
    const { recorder, errors } = setup();
    const first = recorder.close();
    expect(recorder.close()).toBe(first);
    await first;
    const id = recorder.record(event());
    expect(recorder.stats.dropped).toBe(1);
    expect((errors[0] as UsageEventsDroppedError).context).toEqual({
      reason: "recorder_closed",
      count: 1,
      requestIds: [id],
    });
  });

  it("keeps recording when onError itself throws", async () => {
    const { sink, recorder } = setup({
      maxBufferSize: 1,
      onError: () => {
        throw new Error("logger down");
      },
    });
    recorder.record(event());
    expect(() => recorder.record(event())).not.toThrow();
    await recorder.close();
    expect(sink.stored.size).toBe(1);
  });
});

describe("createUsageRecorder: options", () => {
  it("rejects bad options with a validation error naming the option", () => {
    expect(() => createUsageRecorder({ sink: new FakeSink(), batchSize: 0 })).toThrow(/batchSize/);
    expect(() => createUsageRecorder({ sink: {} as never })).toThrow(/sink/);
    expect(() => createUsageRecorder({ sink: new FakeSink(), batchSize: 20_000 })).toThrow(/batchSize/);
  });
});
