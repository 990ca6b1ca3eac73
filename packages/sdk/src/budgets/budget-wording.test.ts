import { describe, expect, it } from "vitest";
import { formatDay, formatUsd, resetDay } from "./budget-wording.js";

describe("the day a budget resets", () => {
  it("is the day of the reset as written when the database wrote it in the reporting zone", () => {
    expect(resetDay("2027-01-01T00:00:00+00:00")).toEqual({ year: 2027, month: 1, day: 1 });
    expect(resetDay("2027-01-01T00:00:00+01:00")).toEqual({ year: 2027, month: 1, day: 1 });
  });

  it("is rounded to the nearest midnight when the session zone differs (Berlin's midnight read in UTC)", () => {
    expect(resetDay("2026-12-31T23:00:00+00:00")).toEqual({ year: 2027, month: 1, day: 1 });
    // New York's midnight in UTC, with PostgreSQL's microseconds.
    expect(resetDay("2027-03-01T05:00:00.000000+00:00")).toEqual({ year: 2027, month: 3, day: 1 });
  });

  it("is read in the reporting zone when it is given", () => {
    expect(resetDay("2026-12-31T11:00:00+00:00", "Pacific/Auckland")).toEqual({
      year: 2027,
      month: 1,
      day: 1,
    });
    expect(resetDay(new Date("2026-12-31T23:00:00Z"), "Europe/Berlin")).toEqual({
      year: 2027,
      month: 1,
      day: 1,
    });
  });

  it("reads as `1 January 2027`, or in the locale asked for", () => {
    const day = { year: 2027, month: 1, day: 1 };
    expect(formatDay(day, { withYear: true })).toBe("1 January 2027");
    expect(formatDay(day, { withYear: false })).toBe("1 January");
    expect(formatDay(day, { withYear: false, locale: "de-DE" })).toBe("1. Januar");
  });
});

describe("amounts", () => {
  it("are US dollars to the cent, and two significant digits under a cent", () => {
    expect(formatUsd(3.2)).toBe("$3.20");
    expect(formatUsd(1234.567)).toBe("$1,234.57");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(0.0042)).toBe("$0.0042");
    expect(formatUsd(0.00105)).toBe("$0.0011");
    // Intl puts a no-break space between the amount and the sign.
    expect(formatUsd(5, "de-DE")).toBe("5,00\u00a0$");
  });
});
