import { describe, expect, it } from "vitest";
import {
  formatRate,
  perTokenTextToRateMicros,
  RateRangeError,
  rateMicrosFromText,
  scaleRate,
} from "./rate-micros.js";

describe("perTokenTextToRateMicros", () => {
  it("multiplies the JSON text by a million exactly", () => {
    expect(formatRate(perTokenTextToRateMicros("1.875e-08"))).toBe("0.01875");
    expect(formatRate(perTokenTextToRateMicros("3e-06"))).toBe("3");
    expect(formatRate(perTokenTextToRateMicros("2.4414e-07"))).toBe("0.24414");
    expect(formatRate(perTokenTextToRateMicros("0.00018"))).toBe("180");
    expect(formatRate(perTokenTextToRateMicros("0"))).toBe("0");
    expect(formatRate(perTokenTextToRateMicros("0.0"))).toBe("0");
    expect(formatRate(perTokenTextToRateMicros("1E-6"))).toBe("1");
  });

  it("fails loudly when a rate does not fit numeric(12,6)", () => {
    expect(() => perTokenTextToRateMicros("1.2345678e-13")).toThrow(RateRangeError);
    expect(() => perTokenTextToRateMicros("1.0000001e-06")).toThrow(/more precise than numeric\(12,6\)/);
    expect(() => perTokenTextToRateMicros("1")).toThrow(/above numeric\(12,6\)/);
    expect(() => perTokenTextToRateMicros("-1e-06")).toThrow(/negative/);
    expect(() => perTokenTextToRateMicros("abc")).toThrow(/not a decimal number/);
  });
});

describe("rateMicrosFromText", () => {
  it("reads PostgreSQL's numeric text", () => {
    expect(rateMicrosFromText("0.018750")).toBe(18_750n);
    expect(rateMicrosFromText("15.000000")).toBe(15_000_000n);
    expect(rateMicrosFromText("2")).toBe(2_000_000n);
  });
});

describe("scaleRate", () => {
  it("is exact when it can be and rounds half up to the micro-dollar otherwise", () => {
    expect(scaleRate(3_000_000n, 5n, 4n)).toBe(3_750_000n);
    expect(scaleRate(1n, 1n, 2n)).toBe(1n);
    expect(scaleRate(3n, 1n, 2n)).toBe(2n);
    expect(scaleRate(10n, 1n, 3n)).toBe(3n);
  });
});
