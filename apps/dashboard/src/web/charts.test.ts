import { describe, expect, it } from "vitest";
import { niceTicks } from "./charts.js";

describe("axis ticks", () => {
  it("covers the maximum with round steps", () => {
    expect(niceTicks(0.88, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(1234, 4)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(niceTicks(37, 4)).toEqual([0, 10, 20, 30, 40]);
  });

  it("uses whole steps for counts, and a scale even when everything is zero", () => {
    expect(niceTicks(2, 4, { whole: true })).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(0, 4, { whole: true })).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(9, 4, { whole: true })).toEqual([0, 5, 10, 15, 20]);
  });
});
