import { afterEach, describe, expect, it, vi } from "vitest";
import { connectionError, sqlError } from "../../test/support/errors.js";
import { event, setupRecorder } from "../../test/support/recorder-setup.js";
import { UsageDeliveryError } from "../errors/delivery-error.js";
import type { UsageError } from "../errors/usage-error.js";

afterEach(() => {
  vi.useRealTimers();
});

const deliveryReports = (errors: UsageError[]) =>
  errors.filter((error): error is UsageDeliveryError => error instanceof UsageDeliveryError);

// Retries every 100..500 ms; the first write starts 10 ms after the first record().
const OUTAGE_OPTIONS = {
  flushIntervalMs: 10,
  outageReportAfterMs: 1000,
  outageReportIntervalMs: 10_000,
  retry: { initialDelayMs: 100, maxDelayMs: 500 },
};

describe("onError hears of an outage while it lasts", () => {
  it("once writes have failed for outageReportAfterMs, again every interval, and once when they recover", async () => {
    vi.useFakeTimers();
    const { sink, recorder, errors } = setupRecorder(OUTAGE_OPTIONS);
    sink.failAlways = connectionError();
    for (let i = 0; i < 4; i++) recorder.record(event());
    await vi.advanceTimersByTimeAsync(10); // the first write fails now
    expect(sink.attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(deliveryReports(errors)).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    const [first] = deliveryReports(errors);
    expect(first).toBeInstanceOf(UsageDeliveryError);
    expect(first!.context).toMatchObject({ state: "failing", pending: 4, failingForMs: 1000 });
    expect(first!.context.failedAttempts).toBe(sink.attempts);
    expect(first!.cause).toMatchObject({ name: "UsageConnectionError" });
    expect(first!.message).toContain("connect ECONNREFUSED");
    expect(first!.message).toContain("4 event(s) waiting");

    recorder.record(event()); // still recording during the outage
    await vi.advanceTimersByTimeAsync(9_999);
    expect(deliveryReports(errors)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(deliveryReports(errors)).toHaveLength(2);
    expect(deliveryReports(errors)[1]!.context).toMatchObject({ state: "failing", pending: 5 });

    sink.failAlways = undefined;
    await vi.advanceTimersByTimeAsync(500);
    expect(sink.stored.size).toBe(5);
    const reports = deliveryReports(errors);
    expect(reports).toHaveLength(3);
    // The event recorded during the outage is the next batch: still waiting when the first one lands.
    expect(reports[2]!.context).toMatchObject({ state: "recovered", pending: 1 });
    expect(reports[2]!.context.failingForMs).toBeGreaterThan(11_000);
    expect(errors).toEqual(reports); // nothing was dropped
    await vi.advanceTimersByTimeAsync(60_000);
    expect(deliveryReports(errors)).toHaveLength(3); // and it is quiet again
  });

  it("does not report a blip that a retry absorbs (onRetry sees it)", async () => {
    vi.useFakeTimers();
    const retried: number[] = [];
    const { sink, recorder, errors } = setupRecorder({
      ...OUTAGE_OPTIONS,
      onRetry: (_error, attempt) => retried.push(attempt),
    });
    sink.failures = [connectionError(), sqlError("40001")];
    recorder.record(event());
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sink.stored.size).toBe(1);
    expect(retried).toEqual([1, 2]);
    expect(errors).toEqual([]);
  });

  it("reports only once with outageReportIntervalMs: Infinity", async () => {
    vi.useFakeTimers();
    const { sink, recorder, errors } = setupRecorder({
      ...OUTAGE_OPTIONS,
      outageReportIntervalMs: Number.POSITIVE_INFINITY,
    });
    sink.failAlways = connectionError();
    recorder.record(event());
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(deliveryReports(errors).map((report) => report.context.state)).toEqual(["failing"]);
  });

  it("stops reporting when close() gives up on what is left", async () => {
    vi.useFakeTimers();
    const { sink, recorder, errors } = setupRecorder(OUTAGE_OPTIONS);
    sink.failAlways = connectionError();
    recorder.record(event());
    await vi.advanceTimersByTimeAsync(1500);
    void recorder.close({ timeoutMs: 100 });
    await vi.advanceTimersByTimeAsync(100);
    expect(errors.map((error) => error.name)).toEqual(["UsageDeliveryError", "UsageEventsDroppedError"]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(errors).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });
});
