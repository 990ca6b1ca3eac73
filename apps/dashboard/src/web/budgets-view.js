// @ts-check
// The budgets page: every budget's spend and holds against its limit, nearest their cap first, the
// recent alerts, and (for admins) the form that sets one. Anyone else is told, in words, that
// budgets are for admins, and shown their own budgets as the database lets them see them.
import { ApiError, fetchDashboard } from "./api.js";
import { budgetAlerts } from "./budget-alerts.js";
import { budgetForm } from "./budget-form.js";
import { budgetList } from "./budget-list.js";
import { budgetTitle } from "./budget-words.js";
import { endBudget, fetchBudgets, fetchOwnBudgets, setBudget } from "./budgets-api.js";
import { h } from "./dom.js";

/** @typedef {import("@org/ai-usage-sdk").BudgetStatus} BudgetStatus */

/** The top users and customers of this range are offered in the form (any id may be typed). */
const SUGGESTION_DAYS = 90;

/**
 * Loads the page for `token`. Its buttons change data and then call `reload` with a line to show.
 * @param {string} token
 * @param {{ includeEnded: boolean, notice: string | null, reload: (change: { includeEnded?: boolean, notice?: string }) => void }} options
 * @returns {Promise<{ element: HTMLElement, timeZone: string | null }>}
 */
export async function loadBudgetsPage(token, { includeEnded, notice, reload }) {
  let overview;
  let dashboard;
  try {
    [overview, dashboard] = await Promise.all([
      fetchBudgets(token, includeEnded),
      fetchDashboard(token, SUGGESTION_DAYS),
    ]);
  } catch (error) {
    if (error instanceof ApiError && error.status === 403 && error.code === "42501")
      return { element: await notAnAdmin(token), timeZone: null };
    throw error;
  }
  const timeZone = dashboard.period.time_zone;

  /** @param {BudgetStatus} budget */
  const end = async (budget) => {
    if (!window.confirm(`End "${budgetTitle(budget)}" now? Requests it covers are no longer limited by it.`))
      return;
    await endBudget(token, budget.budget_id);
    reload({ notice: `Ended "${budgetTitle(budget)}".` });
  };
  const form = budgetForm({
    users: dashboard.by_user.map((user) => ({ value: user.user_id, label: user.user_email ?? user.user_id })),
    customers: dashboard.by_customer.map((customer) => ({
      value: String(customer.customer_id),
      label: customer.customer_name ?? String(customer.customer_id),
    })),
    onSubmit: async (input) => {
      const budget = await setBudget(token, input);
      reload({ notice: `Set "${budgetTitle(budget)}".` });
    },
  });
  const endedToggle = h("input", {
    type: "checkbox",
    id: "budgets-include-ended",
    "data-testid": "budgets-include-ended",
    checked: includeEnded,
    onchange: () => reload({ includeEnded: endedToggle.checked }),
  });

  const element = h(
    "div",
    { class: "content budgets", "data-testid": "budgets" },
    notice ? h("div", { class: "banner", role: "status", "data-testid": "budgets-notice" }, notice) : null,
    h(
      "section",
      { class: "card" },
      h(
        "header",
        { class: "card-header" },
        h(
          "div",
          {},
          h("h2", {}, "Budgets"),
          h(
            "p",
            { class: "muted" },
            "Nearest their cap first. Spent is this period's recorded cost; held is what requests in flight may still cost.",
          ),
        ),
        h("label", { class: "toggle" }, endedToggle, " Show ended"),
      ),
      budgetList({ budgets: overview.budgets, timeZone, onEnd: (budget) => void end(budget) }),
    ),
    h(
      "div",
      { class: "table-row" },
      h(
        "section",
        { class: "card budget-form-card" },
        h("header", { class: "card-header" }, h("h2", {}, "Set a budget")),
        h(
          "p",
          { class: "muted small" },
          "One budget per target and period at a time: setting another ends the one in force (its period's spend carries over).",
        ),
        form,
      ),
      budgetAlerts(overview.alerts, timeZone),
    ),
  );
  return { element, timeZone };
}

/**
 * What a signed-in user who is not an admin sees: why, and their own budgets.
 * @param {string} token
 */
async function notAnAdmin(token) {
  const own = await fetchOwnBudgets(token).catch(() => null);
  return h(
    "div",
    { class: "state", "data-testid": "budgets-not-admin" },
    h("h2", {}, "Budgets are for admins"),
    h(
      "p",
      {},
      "Only an AI usage admin can see everyone's budgets and set them; the database refused this account.",
    ),
    own === null
      ? null
      : own.budgets.length === 0
        ? h("p", { class: "muted" }, "No budget applies to you.")
        : h(
            "div",
            { class: "own-budgets" },
            h("h3", {}, "Your budgets"),
            h(
              "ul",
              { "data-testid": "own-budgets" },
              own.budgets.map((budget) => h("li", {}, `${budgetTitle(budget)}: ${budget.description}`)),
            ),
          ),
  );
}
