import { describe, expect, it } from "vitest";
import { cutDays, startEdgeDays } from "./cut-days.js";

describe("cutDays", () => {
  it("takes this month's days once the 21st is past", () => {
    expect(cutDays("2026-11-28")).toEqual(["2026-11-21", "2026-11-14", "2026-11-10", "2026-11-07"]);
  });

  it("takes last month's days before that, across a year boundary too", () => {
    expect(cutDays("2026-11-21")).toEqual(["2026-10-21", "2026-10-14", "2026-10-10", "2026-10-07"]);
    expect(cutDays("2027-01-05")).toEqual(["2026-12-21", "2026-12-14", "2026-12-10", "2026-12-07"]);
  });
});

describe("startEdgeDays", () => {
  it("is the distance from a 30-day window's first day to the nearer end of its month", () => {
    expect(startEdgeDays("2026-11-28", 30)).toBe(2); // from Oct 30: Oct 30-31
    expect(startEdgeDays("2026-11-14", 30)).toBe(15); // from Oct 16: Oct 1-15 before it
    expect(startEdgeDays("2026-11-07", 30)).toBe(8); // from Oct 9: Oct 1-8
    expect(startEdgeDays("2026-11-01", 30)).toBe(2); // from Oct 3
  });
});
