import { describe, expect, it } from "vitest";
import * as auth from "../auth.js";
import * as core from "../index.js";
import { UsageError, type UsageErrorName } from "./usage-error.js";

/** Every error class an entry point exports, found by looking, so a new one cannot be missed. */
const errorClasses = Object.entries({ ...core, ...auth } as Record<string, unknown>).filter(
  (entry): entry is [string, new (message: string, init: never) => Error] =>
    typeof entry[1] === "function" && entry[1].prototype instanceof Error,
);

// The names UsageErrorName promises; `satisfies` keeps this list and the type in step.
const NAMES = [
  "UsageValidationError",
  "UsageUserIdError",
  "UsagePermissionError",
  "UsageDatabaseError",
  "UsageConnectionError",
  "UsageEventsDroppedError",
  "UsageDeliveryError",
  "UsageAccessTokenError",
  "UsageBudgetExceededError",
  "UsageAlertDeliveryError",
] as const satisfies readonly UsageErrorName[];

describe("one error family", () => {
  it("finds every SDK error class, and UsageErrorName names each of them", () => {
    const found = errorClasses.map(([name]) => name).filter((name) => name !== "UsageError");
    expect(found.sort()).toEqual([...NAMES].sort());
  });

  it.each(errorClasses.filter(([name]) => name !== "UsageError"))(
    "%s extends UsageError, with its own stable name",
    (exportName, ErrorClass) => {
      const error = new ErrorClass("boom", { retryable: false, context: {} } as never) as UsageError;
      expect(error).toBeInstanceOf(UsageError);
      expect(error).toBeInstanceOf(Error);
      expect(core.isUsageError(error)).toBe(true);
      expect(error.name).toBe(exportName);
      expect(String(error)).toBe(`${exportName}: boom`);
      expect(error.stack?.split("\n")[0]).toBe(`${exportName}: boom`);
      expect(error.retryable).toBe(false);
    },
  );

  it("the core entry exports the base, and isUsageError is false for anyone else's error", () => {
    expect(core.UsageError).toBe(UsageError);
    expect(core.isUsageError(new Error("not ours"))).toBe(false);
    expect(core.isUsageError(new TypeError("not ours either"))).toBe(false);
  });
});
