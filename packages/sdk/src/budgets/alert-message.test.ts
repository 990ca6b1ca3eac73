import { describe, expect, it } from "vitest";
import { type BudgetAlert, BudgetAlertSchema } from "../schemas/budget-alert.js";
import { alertPayload, alertText } from "./alert-message.js";

function alert(overrides: Record<string, unknown> = {}): BudgetAlert {
  return BudgetAlertSchema.parse({
    id: 7,
    idempotency_key: "ai-usage-budget-alert:3:2026-12-01T00:00:00Z:80",
    budget_id: 3,
    budget_name: "Alice monthly",
    scope: "user",
    user_id: "7f0c1c2e-4b1a-4c8e-9a51-0d6b1f0e7a11",
    user_email: "alice@example.com",
    customer_id: null,
    customer_name: null,
    period: "month",
    period_start: "2026-12-01T00:00:00+00:00",
    resets_at: "2027-01-01T00:00:00+00:00",
    mode: "hard",
    threshold_percent: 80,
    limit_usd: 5,
    spent_usd: 4.0213,
    created_at: "2026-12-14T09:30:00+00:00",
    attempts: 1,
    ...overrides,
  });
}

describe("budget alert messages", () => {
  it("one line for Slack's text: who, which threshold, how much of what, when it resets", () => {
    expect(alertText(alert())).toBe(
      'AI budget "Alice monthly" (alice@example.com) passed 80%: $4.02 of $5.00 this month (hard limit), resets 1 January.',
    );
    expect(
      alertText(
        alert({
          budget_name: null,
          scope: "customer",
          user_id: null,
          user_email: null,
          customer_id: 42,
          customer_name: "Acme",
          mode: "soft",
        }),
      ),
    ).toBe("AI budget for Acme passed 80%: $4.02 of $5.00 this month (soft limit), resets 1 January.");
    expect(
      alertText(alert({ budget_name: null, scope: "project", user_id: null, user_email: null })),
    ).toContain("AI budget for the whole project passed 80%");
  });

  it("the payload carries the idempotency key, the text and the alert as claimed", () => {
    const payload = alertPayload(alert());
    expect(payload.idempotency_key).toBe("ai-usage-budget-alert:3:2026-12-01T00:00:00Z:80");
    expect(payload.alert.id).toBe("7");
    expect(payload.text).toMatch(/^AI budget/);
  });
});
