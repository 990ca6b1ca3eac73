import { afterEach, describe, expect, it, vi } from "vitest";
import { connectionError } from "../../test/support/errors.js";
import { event, setupRecorder } from "../../test/support/recorder-setup.js";
import { UsageValidationError } from "../errors/validation-error.js";
import type { FlushResult } from "./recorder-types.js";

afterEach(() => {
  vi.useRealTimers();
});

/** Starts a flush and exposes its result once it settles, so a test can step the clock around it. */
function watch(flushing: Promise<FlushResult>): { result: FlushResult | undefined } {
  const watched: { result: FlushResult | undefined } = { result: undefined };
  void flushing.then((result) => {
    watched.result = result;
  });
  return watched;
}

describe("flush(): a deadline, so a handler that awaits it cannot hang during an outage", () => {
  it("resolves at timeoutMs with what is still pending, and the recorder keeps trying", async () => {
    vi.useFakeTimers();
    const { sink, recorder, errors } = setupRecorder({ retry: { initialDelayMs: 100, maxDelayMs: 1000 } });
    sink.failAlways = connectionError();
    const ids = [recorder.record(event()), recorder.record(event()), recorder.record(event())];
    const flushing = watch(recorder.flush({ timeoutMs: 2000 }));
    await vi.advanceTimersByTimeAsync(1999);
    expect(flushing.result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(flushing.result).toMatchObject({
      drained: false,
      pending: 3,
      failure: { name: "UsageConnectionError" },
      stats: { accepted: 3, written: 0, dropped: 0, pending: 3 },
    });
    // Not dropped: retries go on after flush() returned, and deliver once the database is back.
    const attemptsAtDeadline = sink.attempts;
    expect(attemptsAtDeadline).toBeGreaterThan(2);
    sink.failAlways = undefined;
    await vi.advanceTimersByTimeAsync(1000);
    expect(sink.attempts).toBe(attemptsAtDeadline + 1);
    expect([...sink.stored.keys()]).toEqual(ids);
    expect(await recorder.flush()).toMatchObject({ drained: true, pending: 0, failure: undefined });
    expect(errors.filter((error) => error.name === "UsageEventsDroppedError")).toEqual([]);
  });

  it("waits flushTimeoutMs by default: 5 seconds", async () => {
    vi.useFakeTimers();
    const { sink, recorder } = setupRecorder({ retry: { initialDelayMs: 100, maxDelayMs: 1000 } });
    sink.failAlways = connectionError();
    recorder.record(event());
    const flushing = watch(recorder.flush());
    await vi.advanceTimersByTimeAsync(4999);
    expect(flushing.result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(flushing.result).toMatchObject({ drained: false, pending: 1 });
  });

  it("takes its default from the flushTimeoutMs option, and Infinity waits until written", async () => {
    vi.useFakeTimers();
    const { sink, recorder } = setupRecorder({
      flushTimeoutMs: 300,
      retry: { initialDelayMs: 100, maxDelayMs: 1000 },
    });
    sink.failAlways = connectionError();
    recorder.record(event());
    const short = watch(recorder.flush());
    const patient = watch(recorder.flush({ timeoutMs: Number.POSITIVE_INFINITY }));
    await vi.advanceTimersByTimeAsync(300);
    expect(short.result).toMatchObject({ drained: false, pending: 1 });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(patient.result).toBeUndefined();
    sink.failAlways = undefined;
    await vi.advanceTimersByTimeAsync(1000);
    expect(patient.result).toMatchObject({ drained: true, pending: 0, stats: { written: 1 } });
  });

  it("counts only the events recorded before the call", async () => {
    vi.useFakeTimers();
    const { sink, recorder } = setupRecorder({ batchSize: 2 });
    sink.latencyMs = 100;
    recorder.record(event());
    recorder.record(event());
    const flushing = watch(recorder.flush({ timeoutMs: 1000 }));
    recorder.record(event()); // after the call: a second batch, written after the first
    await vi.advanceTimersByTimeAsync(100);
    expect(flushing.result).toMatchObject({ drained: true, pending: 0, stats: { written: 2, pending: 1 } });
  });

  it("leaves no timer behind once drained (it would hold a process open for the whole deadline)", async () => {
    vi.useFakeTimers();
    const { recorder } = setupRecorder();
    recorder.record(event());
    expect(await recorder.flush({ timeoutMs: 60_000 })).toMatchObject({ drained: true });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects a timeout that is not 0 or more milliseconds (or Infinity), naming it", () => {
    const { recorder } = setupRecorder();
    for (const timeoutMs of [-1, Number.NaN, "5000" as unknown as number]) {
      expect(() => recorder.flush({ timeoutMs })).toThrow(UsageValidationError);
      expect(() => recorder.flush({ timeoutMs })).toThrow(/flush\.timeoutMs/);
    }
    expect(() => setupRecorder({ flushTimeoutMs: -5 })).toThrow(/flushTimeoutMs/);
  });
});
