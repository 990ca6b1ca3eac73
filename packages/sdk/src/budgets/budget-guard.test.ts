import { describe, expect, it } from "vitest";
import { UsageValidationError } from "../errors/validation-error.js";
import { createBudgetGuard } from "./budget-guard.js";

const transport = { kind: "none", call: async () => null };

describe("createBudgetGuard options", () => {
  it("requires the caller to choose what happens while the database is unavailable", () => {
    expect(() => createBudgetGuard({ transport } as never)).toThrow(UsageValidationError);
    expect(() => createBudgetGuard({ transport } as never)).toThrow(
      /whenUnavailable: must be "open" or "closed"/,
    );
    expect(createBudgetGuard({ transport, whenUnavailable: "closed" }).whenUnavailable).toBe("closed");
  });

  it("refuses a TTL outside what the database takes, and a transport that is not one", () => {
    expect(() => createBudgetGuard({ transport, whenUnavailable: "open", ttlSeconds: 0 })).toThrow(
      /ttlSeconds/,
    );
    expect(() => createBudgetGuard({ transport: {} as never, whenUnavailable: "open" })).toThrow(/transport/);
  });

  it("validates reserve arguments before calling the database", async () => {
    let calls = 0;
    const counting = { kind: "none", call: async () => ++calls };
    const guard = createBudgetGuard({ transport: counting, whenUnavailable: "closed" });
    await expect(guard.reserve({ userId: "user_42", maxCostUsd: 1 })).rejects.toThrow(UsageValidationError);
    await expect(
      guard.reserve({
        userId: "7f0c1c2e-4b1a-4c8e-9a51-0d6b1f0e7a11",
        model: "m",
        maxInputTokens: -1,
        maxOutputTokens: 1,
      }),
    ).rejects.toThrow(UsageValidationError);
    await expect(guard.release("not-a-hold")).rejects.toThrow(UsageValidationError);
    expect(calls).toBe(0);
  });
});
