// @ts-check
// How a budget is named on the page: whom it covers and over which period.

/** @typedef {import("@org/ai-usage-sdk").BudgetStatus} BudgetStatus */

const PERIOD_WORDS = { day: "Daily", week: "Weekly", month: "Monthly" };
const SCOPE_WORDS = {
  project: "everyone",
  customer: "a customer",
  user: "a user",
  user_in_customer: "a user within a customer",
};

/**
 * Whom the budget covers: `everyone`, `Acme Corp`, `alice@example.com`, `alice@example.com at Acme Corp`.
 * @param {Pick<BudgetStatus, "scope" | "user_id" | "user_email" | "customer_id" | "customer_name">} budget
 */
export function budgetTarget(budget) {
  const user = budget.user_email ?? budget.user_id ?? "";
  const customer = budget.customer_name ?? `customer ${budget.customer_id}`;
  switch (budget.scope) {
    case "project":
      return "everyone";
    case "customer":
      return customer;
    case "user":
      return user;
    case "user_in_customer":
      return `${user} at ${customer}`;
  }
}

/**
 * The budget's name, or one made from its period and target: `Monthly · everyone`.
 * @param {BudgetStatus} budget
 */
export function budgetTitle(budget) {
  return budget.name ?? `${PERIOD_WORDS[budget.period]} · ${budgetTarget(budget)}`;
}

/** @param {BudgetStatus["scope"]} scope */
export function scopeWords(scope) {
  return SCOPE_WORDS[scope];
}

/** @param {BudgetStatus["period"]} period */
export function periodWord(period) {
  return PERIOD_WORDS[period];
}
