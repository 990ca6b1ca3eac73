import { expect, test } from "vitest";
import { CLOCK_SKEW_FAIL_MS, CLOCK_SKEW_WARN_MS, classifyClockSkew, clockSkew } from "./clock-skew.js";

test("skew is measured against the midpoint of the round trip, whose half is the uncertainty", () => {
  expect(clockSkew({ localBefore: 1_000, localAfter: 1_200, server: 1_600 })).toEqual({
    skewMs: 500,
    uncertaintyMs: 100,
  });
  expect(clockSkew({ localBefore: 5_000, localAfter: 5_000, server: 2_000 })).toEqual({
    skewMs: -3_000,
    uncertaintyMs: 0,
  });
});

test("ok below the warning threshold, warn from it, fail from the failure threshold, either direction", () => {
  expect(classifyClockSkew(CLOCK_SKEW_WARN_MS - 1, 0)).toBe("ok");
  expect(classifyClockSkew(CLOCK_SKEW_WARN_MS, 0)).toBe("warn");
  expect(classifyClockSkew(-CLOCK_SKEW_WARN_MS, 0)).toBe("warn");
  expect(classifyClockSkew(CLOCK_SKEW_FAIL_MS, 0)).toBe("fail");
  expect(classifyClockSkew(-CLOCK_SKEW_FAIL_MS - 1, 0)).toBe("fail");
});

test("a slow round trip is not taken for skew", () => {
  expect(classifyClockSkew(CLOCK_SKEW_WARN_MS + 400, 500)).toBe("ok");
  expect(classifyClockSkew(CLOCK_SKEW_FAIL_MS + 400, 500)).toBe("warn");
});
