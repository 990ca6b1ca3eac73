// @ts-check
// The budgets page's calls. The database decides: list, set and end are admin-only (42501, shown
// as "for admins"), and its own checks (22023) come back as the messages the form shows.
import { requestJson } from "./api.js";

/** @typedef {import("@org/ai-usage-sdk").BudgetStatus} BudgetStatus */
/** @typedef {import("@org/ai-usage-sdk").BudgetAlertRecord} BudgetAlertRecord */
/** @typedef {import("@org/ai-usage-sdk").BudgetInput} BudgetInput */
/** @typedef {BudgetStatus & { ended: boolean }} ListedBudget */
/** @typedef {{ budgets: ListedBudget[], alerts: BudgetAlertRecord[] }} BudgetsOverview */
/** @typedef {BudgetStatus & { description: string }} OwnBudget */

/**
 * @param {string} token
 * @param {boolean} includeEnded
 * @returns {Promise<BudgetsOverview>}
 */
export function fetchBudgets(token, includeEnded) {
  return requestJson(`/api/budgets${includeEnded ? "?include_ended=true" : ""}`, token);
}

/**
 * @param {string} token
 * @param {BudgetInput} budget
 * @returns {Promise<BudgetStatus>}
 */
export function setBudget(token, budget) {
  return requestJson("/api/budgets", token, budget);
}

/**
 * @param {string} token
 * @param {string} budgetId
 * @returns {Promise<BudgetStatus>}
 */
export function endBudget(token, budgetId) {
  return requestJson(`/api/budgets/${encodeURIComponent(budgetId)}/end`, token, {});
}

/**
 * The signed-in user's own budgets (what a non-admin is shown instead).
 * @param {string} token
 * @returns {Promise<{ budgets: OwnBudget[] }>}
 */
export function fetchOwnBudgets(token) {
  return requestJson("/api/my-budgets", token);
}
