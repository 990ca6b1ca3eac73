import { describe, expect, it } from "vitest";
import { niceTicks } from "./charts.js";

describe("axis ticks", () => {
  it("covers the maximum with round steps", () => {
    expect(niceTicks(0.88, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(1234, 4)).toEqual([0, 500, 1000, 1500, 2000]);
    expect(niceTicks(37, 4)).toEqual([0, 10, 20, 30, 40]);
  });

  it("gives small counts half steps (the chart labels only whole ones), and a scale for all zeros", () => {
    expect(niceTicks(2, 4)).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(niceTicks(0, 4)).toEqual([0, 1, 2, 3, 4]);
  });
});
