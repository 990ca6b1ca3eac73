import { describe, expect, it } from "vitest";
import { formatChange, formatDuration, formatInteger, formatShare, formatUsd } from "./format.js";

describe("number formats", () => {
  it("groups thousands and shows dollars with cents", () => {
    expect(formatInteger(1234567)).toBe("1,234,567");
    expect(formatUsd(1234.5)).toBe("$1,234.50");
    expect(formatUsd(0.04321, true)).toBe("$0.0432");
  });

  it("shows changes and shares as signed percentages", () => {
    expect(formatChange(110, 100)).toBe("+10.0%");
    expect(formatChange(90, 100)).toBe("-10.0%");
    expect(formatChange(5, 0)).toBe("n/a");
    expect(formatShare(1, 3)).toBe("33.3%");
    expect(formatShare(1, 0)).toBe("0.0%");
  });

  it("shows durations in the unit a person reads best", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(12_400)).toBe("12.4 s");
    expect(formatDuration(185_000)).toBe("3 min 05 s");
  });
});
