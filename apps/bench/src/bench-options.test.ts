import { describe, expect, it } from "vitest";
import { wholeNumber } from "./bench-options.js";

describe("wholeNumber", () => {
  const events = wholeNumber(1, 50_000_000);

  it("reads plain, separated and suffixed counts", () => {
    expect(events("200000")).toBe(200_000);
    expect(events("10_000_000")).toBe(10_000_000);
    expect(events("10,000,000")).toBe(10_000_000);
    expect(events("10M")).toBe(10_000_000);
    expect(events("1.5m")).toBe(1_500_000);
    expect(events("200k")).toBe(200_000);
  });

  it("rejects what is not a whole number in range", () => {
    expect(() => events("0")).toThrow(/between 1 and 50000000/);
    expect(() => events("ten")).toThrow();
    expect(() => events("1.5")).toThrow();
    expect(() => events("60M")).toThrow();
  });
});
