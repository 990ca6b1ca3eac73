import { describe, expect, it } from "vitest";
import { quantile, summarize } from "./stats.js";

describe("summarize", () => {
  it("gives the median of an odd and an even count", () => {
    expect(summarize([5, 1, 3]).medianMs).toBe(3);
    expect(summarize([4, 1, 3, 2]).medianMs).toBe(2.5);
  });

  it("interpolates p95 between the closest ranks", () => {
    const samples = Array.from({ length: 100 }, (_, index) => index + 1); // 1..100
    expect(summarize(samples).p95Ms).toBeCloseTo(95.05, 10);
    expect(summarize(samples)).toMatchObject({ count: 100, minMs: 1, maxMs: 100, meanMs: 50.5 });
  });

  it("handles a single sample and refuses none", () => {
    expect(summarize([7])).toMatchObject({ medianMs: 7, p95Ms: 7 });
    expect(() => quantile([], 0.5)).toThrow(/no samples/);
  });
});
