import { describe, expect, it } from "vitest";
import type { RefusedReservation } from "../schemas/budget-reservation.js";
import { RefusedReservationSchema } from "../schemas/budget-reservation.js";
import { UsageBudgetExceededError } from "./budget-exceeded-error.js";
import { isUsageError } from "./usage-error.js";

/** A refusal as reserve_ai_usage writes it (jsonb: numbers, a bigint id, timestamps with offsets). */
function refusal(
  overrides: Partial<RefusedReservation["budget"]> = {},
  reason = "budget_exceeded",
): RefusedReservation {
  return RefusedReservationSchema.parse({
    admitted: false,
    reason,
    budget: {
      budget_id: 12,
      name: "Alice monthly",
      scope: "user",
      user_id: "7f0c1c2e-4b1a-4c8e-9a51-0d6b1f0e7a11",
      user_email: "alice@example.com",
      customer_id: null,
      customer_name: null,
      period: "month",
      mode: "hard",
      limit_usd: 5,
      thresholds: [50, 80, 100],
      effective_from: "2026-11-03T10:00:00+00:00",
      effective_to: null,
      period_start: "2026-12-01T00:00:00+00:00",
      resets_at: "2027-01-01T00:00:00+00:00",
      spent_usd: 4.9,
      held_usd: 0.1,
      remaining_usd: 0,
      percent_used: 98,
      burn_rate_usd_per_day: 0.25,
      projected_usd: 7.6,
      exhausted: true,
      request_usd: 0.0123,
      ...overrides,
    },
  });
}

describe("UsageBudgetExceededError", () => {
  it("says what an app can show its user, and carries the figures as typed fields", () => {
    const error = UsageBudgetExceededError.fromRefusal(refusal());
    expect(error.message).toBe("Monthly AI budget reached: $5.00 of $5.00 used; resets 1 January 2027.");
    expect(isUsageError(error)).toBe(true);
    expect(error.retryable).toBe(false);
    expect(error).toMatchObject({
      reason: "budget_exceeded",
      budgetId: "12",
      budgetName: "Alice monthly",
      scope: "user",
      period: "month",
      limitUsd: 5,
      spentUsd: 4.9,
      heldUsd: 0.1,
      requestUsd: 0.0123,
    });
    expect(error.resetsAt.toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });

  it("names the period, and the reason when the model has no price", () => {
    expect(
      UsageBudgetExceededError.fromRefusal(refusal({ period: "day", spent_usd: 0.5, held_usd: 0 })).message,
    ).toBe("Daily AI budget reached: $0.50 of $5.00 used; resets 1 January 2027.");
    const unpriced = UsageBudgetExceededError.fromRefusal(refusal({ request_usd: null }, "unpriced_model"));
    expect(unpriced.reason).toBe("unpriced_model");
    expect(unpriced.requestUsd).toBeNull();
    expect(unpriced.message).toContain("its model has no price");
  });

  it("keeps a shared budget's figures (everyone's spend) out of the message and the body, not out of its fields", () => {
    const project = UsageBudgetExceededError.fromRefusal(
      refusal({ scope: "project", spent_usd: 480, held_usd: 20, limit_usd: 500 }),
    );
    expect(project.message).toBe("Monthly AI budget shared by everyone reached; resets 1 January 2027.");
    expect(project.spentUsd).toBe(480);
    const body = JSON.parse(JSON.stringify(project));
    expect(body.error.budget).toMatchObject({
      scope: "project",
      limit_usd: null,
      spent_usd: null,
      held_usd: null,
    });
    const customer = UsageBudgetExceededError.fromRefusal(refusal({ scope: "customer", customer_id: 42 }));
    expect(customer.message).toBe("Monthly AI budget of your organisation reached; resets 1 January 2027.");
    expect(JSON.stringify(customer)).not.toContain('"limit_usd":5');
  });

  it("is a response body as JSON", () => {
    const body = JSON.parse(JSON.stringify(UsageBudgetExceededError.fromRefusal(refusal())));
    expect(body).toEqual({
      error: {
        code: "budget_exceeded",
        message: "Monthly AI budget reached: $5.00 of $5.00 used; resets 1 January 2027.",
        budget: {
          scope: "user",
          period: "month",
          limit_usd: 5,
          spent_usd: 4.9,
          held_usd: 0.1,
          request_usd: 0.0123,
          resets_at: "2027-01-01T00:00:00.000Z",
        },
      },
    });
  });
});
