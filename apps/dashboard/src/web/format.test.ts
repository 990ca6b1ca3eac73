import { describe, expect, it } from "vitest";
import {
  formatChange,
  formatCount,
  formatCountOf,
  formatCountShort,
  formatDateRange,
  formatDaySpan,
  formatLatency,
  formatRatio,
  formatShortDate,
  formatTimestamp,
  formatUsd,
  formatUsdAxis,
} from "./format.js";

describe("number formats", () => {
  it("counts things in the singular for one, the plural otherwise", () => {
    expect(formatCountOf(1, "request")).toBe("1 request");
    expect(formatCountOf(0, "request")).toBe("0 requests");
    expect(formatCountOf(1234, "unpriced request")).toBe("1,234 unpriced requests");
  });

  it("writes every amount of money with cents and thousands separators", () => {
    expect(formatUsd(1234.5)).toBe("$1,234.50");
    expect(formatUsd(0)).toBe("$0.00");
    expect(formatUsd(1_000_000)).toBe("$1,000,000.00");
    // Per-request amounts too: the same format as the totals they add up to.
    expect(formatUsd(0.0453)).toBe("$0.05");
    expect(formatUsd(0.314)).toBe("$0.31");
    expect(formatUsd(0.005)).toBe("$0.01");
  });

  it("never shows a paid amount under half a cent as $0.00", () => {
    expect(formatUsd(0.0042)).toBe("$0.0042");
    expect(formatUsd(0.000_123_4)).toBe("$0.00012");
    expect(formatUsd(0.0049)).toBe("$0.0049");
  });

  it("keeps axis labels short", () => {
    expect(formatUsdAxis(0)).toBe("$0");
    expect(formatUsdAxis(0.25)).toBe("$0.25");
    expect(formatUsdAxis(40)).toBe("$40");
    expect(formatUsdAxis(2500)).toBe("$2.5K");
  });

  it("shortens headline counts from a million on, so they fit their card", () => {
    expect(formatCountShort(999_999)).toBe("999,999");
    expect(formatCountShort(1_000_000)).toBe("1M");
    expect(formatCountShort(381_457_057)).toBe("381.5M");
    expect(formatCountShort(12_345_678_901)).toBe("12.3B");
  });

  it("writes counts, ratios and latency", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatRatio(10, 12)).toBe("83.3%");
    expect(formatRatio(0, 0)).toBe("—");
    expect(formatLatency(5094)).toBe("5,094 ms");
    expect(formatLatency(0)).toBe("—");
    expect(formatLatency(null)).toBe("—");
  });

  it("signs the change from last month, and has no percentage against zero", () => {
    expect(formatChange(1.99, 0.89)).toEqual({ text: "+123.6%", direction: "up" });
    expect(formatChange(0.5, 1)).toEqual({ text: "−50.0%", direction: "down" });
    expect(formatChange(1, 1)).toEqual({ text: "no change", direction: "flat" });
    expect(formatChange(3, 0)).toEqual({ text: "new", direction: "up" });
    expect(formatChange(0, 0)).toEqual({ text: "—", direction: "flat" });
  });
});

describe("dates", () => {
  it("writes report dates without shifting them through a time zone", () => {
    expect(formatShortDate("2026-11-01")).toBe("Nov 1");
    expect(formatDateRange("2026-10-29", "2026-11-27")).toBe("2026-10-29 – 2026-11-27");
    expect(formatDateRange("2026-11-27", "2026-11-27")).toBe("2026-11-27");
    expect(formatDaySpan("2026-02-01", "2026-02-28")).toBe("Feb 1–28");
    expect(formatDaySpan("2026-11-01", "2026-11-01")).toBe("Nov 1");
  });

  it("shows timestamps in the reporting time zone", () => {
    expect(formatTimestamp("2026-11-27T23:30:00+00:00", "UTC")).toBe("2026-11-27 23:30");
    expect(formatTimestamp("2026-11-27T23:30:00+00:00", "Europe/Berlin")).toBe("2026-11-28 00:30");
  });
});
