import { describe, expect, it } from "vitest";
import { type BudgetStatus, BudgetStatusSchema } from "../schemas/budget-status.js";
import { describeBudgetStatus } from "./budget-status.js";

function status(overrides: Record<string, unknown> = {}): BudgetStatus {
  return BudgetStatusSchema.parse({
    budget_id: 3,
    name: null,
    scope: "user",
    user_id: "7f0c1c2e-4b1a-4c8e-9a51-0d6b1f0e7a11",
    user_email: null,
    customer_id: null,
    customer_name: null,
    period: "month",
    mode: "hard",
    limit_usd: 5,
    thresholds: [50, 80, 100],
    effective_from: "2026-12-01T00:00:00+00:00",
    effective_to: null,
    period_start: "2026-12-01T00:00:00+00:00",
    resets_at: "2027-01-01T00:00:00+00:00",
    spent_usd: 3.2,
    held_usd: 0.05,
    remaining_usd: 1.75,
    percent_used: 64,
    burn_rate_usd_per_day: 1.07,
    projected_usd: 9.9,
    exhausted: false,
    ...overrides,
  });
}

describe("describeBudgetStatus", () => {
  it("says spent of limit in this period, and when it resets", () => {
    expect(describeBudgetStatus(status())).toBe("$3.20 of $5.00 this month, resets 1 January");
    expect(describeBudgetStatus(status({ period: "week", resets_at: "2026-12-07T00:00:00+00:00" }))).toBe(
      "$3.20 of $5.00 this week, resets 7 December",
    );
    expect(describeBudgetStatus(status({ period: "day", resets_at: "2026-12-02T00:00:00+00:00" }))).toBe(
      "$3.20 of $5.00 today, resets 2 December",
    );
  });

  it("for a shared budget whose figures are hidden, says only whether it has room", () => {
    const hidden = { scope: "project", user_id: null, limit_usd: null, spent_usd: null, held_usd: null };
    expect(describeBudgetStatus(status(hidden))).toBe("shared budget available this month, resets 1 January");
    expect(describeBudgetStatus(status({ ...hidden, exhausted: true }))).toBe(
      "shared budget used up this month, resets 1 January",
    );
  });

  it("takes a locale and the reporting time zone", () => {
    const berlin = status({ resets_at: "2026-12-31T23:00:00+00:00" });
    expect(describeBudgetStatus(berlin, { timeZone: "Europe/Berlin" })).toBe(
      "$3.20 of $5.00 this month, resets 1 January",
    );
    expect(describeBudgetStatus(status(), { locale: "en-US" })).toBe(
      "$3.20 of $5.00 this month, resets January 1",
    );
  });
});
