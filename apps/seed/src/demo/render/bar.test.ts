import { describe, expect, it } from "vitest";
import { bar } from "./bar.js";

describe("bar", () => {
  it("draws value / maximum of the width, to an eighth of a character", () => {
    expect(bar(10, 10, 4)).toBe("████");
    expect(bar(5, 10, 4)).toBe("██");
    expect(bar(1, 16, 4)).toBe("▎");
    expect(bar(0, 10, 4)).toBe("");
    expect(bar(3, 0, 4)).toBe("");
  });
});
