import { describe, expect, it } from "vitest";
import { decimalUnits, sumExceeds } from "./exact-decimal.js";

describe("decimalUnits", () => {
  it("reads plain, fractional, negative and exponent forms exactly", () => {
    expect(decimalUnits(1)).toBe(10n ** 18n);
    expect(decimalUnits(0.1)).toBe(10n ** 17n);
    expect(decimalUnits(-2.5)).toBe(-25n * 10n ** 17n);
    expect(decimalUnits(3.75e-7)).toBe(375n * 10n ** 9n);
    expect(decimalUnits(1.5e21)).toBe(15n * 10n ** 38n);
  });

  it("refuses what it cannot represent", () => {
    expect(() => decimalUnits(Number.NaN)).toThrow(/finite/);
    expect(() => decimalUnits(1e-19)).toThrow(/decimals/);
  });
});

describe("sumExceeds", () => {
  it("does not let binary rounding decide: 0.1 + 0.2 is exactly 0.3", () => {
    expect(0.1 + 0.2 > 0.3).toBe(true); // what doubles would say
    expect(sumExceeds([0.1, 0.2], 0.3)).toBe(false);
    expect(sumExceeds([0.1, 0.2, 1e-12], 0.3)).toBe(true);
  });

  it("is strict: a sum equal to the limit is not over it", () => {
    expect(sumExceeds([0.7, 0.25, 0.05], 1)).toBe(false);
    expect(sumExceeds([0.7, 0.25, 0.050001], 1)).toBe(true);
  });

  it("adds the slack of rounded parts when asked", () => {
    expect(sumExceeds([0.7, 0.3], 1)).toBe(false);
    expect(sumExceeds([0.7, 0.3], 1, 1.5e-6)).toBe(true);
    expect(sumExceeds([0.7, 0.299998], 1, 1.5e-6)).toBe(false);
  });
});
