import {
  describeBudgetStatus,
  endBudget,
  getBudgetStatus,
  listBudgetAlerts,
  listBudgets,
  setBudget,
  type UsageTransport,
} from "@org/ai-usage-sdk";
import { jsonBody } from "./request-arguments.js";

/** Alerts the budgets page lists (newest first). */
const RECENT_ALERTS = 30;

/**
 * The budgets page's data: every budget in force (nearest its cap first, as the database orders
 * them), or ended ones too, each with `ended` (by the database's clock: the page reads none), and
 * the newest alerts. Admin only: the functions answer 42501 (403) to anyone else.
 */
export async function budgetsOverview(transport: UsageTransport, query: URLSearchParams) {
  const includeEnded = query.get("include_ended") === "true";
  const [inForce, ended, alerts] = await Promise.all([
    listBudgets(transport),
    includeEnded ? listBudgets(transport, { includeEnded: true }) : [],
    listBudgetAlerts(transport, { limit: RECENT_ALERTS }),
  ]);
  const inForceIds = new Set(inForce.map((budget) => budget.budget_id));
  const budgets = [
    ...inForce.map((budget) => ({ ...budget, ended: false })),
    ...ended
      .filter((budget) => !inForceIds.has(budget.budget_id))
      .map((budget) => ({ ...budget, ended: true })),
  ];
  return { budgets, alerts };
}

/**
 * Sets a budget from the page's form: the body is the SDK's BudgetInput (camelCase), checked by
 * setBudget's schema and then by set_ai_usage_budget itself, whose 22023 messages reach the form.
 */
export function setBudgetFromBody(transport: UsageTransport, body: string | undefined) {
  return setBudget(transport, jsonBody(body) as Parameters<typeof setBudget>[1]);
}

/** Ends a budget now (P0002 → 404 when there is none). */
export function endBudgetById(transport: UsageTransport, budgetId: string) {
  return endBudget(transport, budgetId);
}

/**
 * The signed-in user's own budgets, for the page a non-admin sees instead of the budgets view: the
 * database shows them their own and hides the figures of shared budgets. One line each, as the
 * SDK words it for an app's users.
 */
export async function ownBudgets(transport: UsageTransport) {
  const budgets = await getBudgetStatus(transport);
  return { budgets: budgets.map((status) => ({ ...status, description: describeBudgetStatus(status) })) };
}
