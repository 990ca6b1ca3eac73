import { describe, expect, it } from "vitest";
import { apportion } from "./calendar.js";

describe("apportion", () => {
  it("shares a total out exactly, in proportion to the weights", () => {
    const shares = apportion(1_000, [1, 2, 3, 4]);
    expect(shares).toEqual([100, 200, 300, 400]);
    const uneven = apportion(7, [0.3, 0.3, 0.3]);
    expect(uneven.reduce((sum, value) => sum + value, 0)).toBe(7);
    expect(Math.max(...uneven) - Math.min(...uneven)).toBeLessThanOrEqual(1);
  });
});
