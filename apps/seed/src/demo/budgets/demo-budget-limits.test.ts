import { describe, expect, it } from "vitest";
import {
  nearCapLimit,
  pastSoftLimit,
  projectLimit,
  requestTokensFor,
  smallestCustomerLimitUsd,
  smallestUserLimitUsd,
} from "./demo-budget-limits.js";

describe("the demo's budget limits", () => {
  it("puts a user's month at most 90 % of a hard limit in cents", () => {
    expect(nearCapLimit(45)).toBe(50);
    expect(nearCapLimit(12.34)).toBe(13.72); // 12.34 / 0.9 = 13.7111…, rounded up
    expect(12.34 / nearCapLimit(12.34)).toBeLessThanOrEqual(0.9);
    expect(12.34 / nearCapLimit(12.34)).toBeGreaterThan(0.89);
  });

  it("puts a customer's month at least 125 % of a soft limit in cents", () => {
    expect(pastSoftLimit(100)).toBe(80);
    expect(pastSoftLimit(12.34)).toBe(9.87); // 9.872, rounded down
    expect(12.34 / pastSoftLimit(12.34)).toBeGreaterThanOrEqual(1.25);
  });

  it("gives the project a limit about 60 % used, in whole dollars from $100 on", () => {
    expect(projectLimit(600)).toBe(1000);
    expect(projectLimit(601)).toBe(1002);
    expect(59.41 / projectLimit(59.41)).toBeGreaterThan(0.59);
    expect(projectLimit(3.03)).toBe(5.05);
  });

  it("never sets limits of a few cents when little was spent yet", () => {
    expect(nearCapLimit(0)).toBe(smallestUserLimitUsd);
    expect(pastSoftLimit(0.3)).toBe(smallestCustomerLimitUsd);
    expect(projectLimit(0)).toBe(1);
  });

  it("sizes a request by its answer's length", () => {
    // 1,000 prompt tokens ($0.003) + 2,467 output tokens ($0.037005) ≈ $0.04
    expect(requestTokensFor(0.04)).toEqual({ inputTokens: 1000, outputTokens: 2467 });
    expect(requestTokensFor(0.001)).toEqual({ inputTokens: 1000, outputTokens: 1 });
  });
});
