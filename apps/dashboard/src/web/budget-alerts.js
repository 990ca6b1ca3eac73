// @ts-check
// The newest budget alerts (list_ai_usage_budget_alerts): which budget crossed which threshold, what
// it had spent then, and whether the webhook has it yet.
import { budgetTarget } from "./budget-words.js";
import { h } from "./dom.js";
import { formatTimestamp, formatUsd } from "./format.js";
import { tableCard } from "./table.js";

/** @typedef {import("@org/ai-usage-sdk").BudgetAlertRecord} BudgetAlertRecord */

/**
 * @param {BudgetAlertRecord[]} alerts
 * @param {string} timeZone
 */
export function budgetAlerts(alerts, timeZone) {
  return tableCard({
    title: "Recent alerts",
    subtitle: "A budget crossing one of its thresholds, once per period; newest first.",
    testId: "table-budget-alerts",
    fileName: "budget-alerts.csv",
    emptyText: "No budget has crossed a threshold yet.",
    rows: alerts,
    columns: [
      {
        key: "created_at",
        label: "When",
        value: (a) => a.created_at,
        display: (a) => formatTimestamp(a.created_at, timeZone),
      },
      {
        key: "budget_name",
        label: "Budget",
        value: (a) => a.budget_name ?? budgetTarget(a),
      },
      {
        key: "threshold_percent",
        label: "Threshold",
        numeric: true,
        value: (a) => a.threshold_percent,
        display: (a) => `${a.threshold_percent} %`,
      },
      {
        key: "spent_usd",
        label: "Spent then",
        numeric: true,
        value: (a) => a.spent_usd,
        display: (a) => formatUsd(a.spent_usd),
      },
      {
        key: "limit_usd",
        label: "Limit",
        numeric: true,
        value: (a) => a.limit_usd,
        display: (a) => formatUsd(a.limit_usd),
      },
      { key: "mode", label: "Mode", value: (a) => a.mode },
      { key: "delivery", label: "Webhook", value: deliveryState, display: deliveryCell },
    ],
  });
}

/** @param {BudgetAlertRecord} alert */
function deliveryState(alert) {
  if (alert.delivered_at) return "delivered";
  return alert.last_error ? `failed ${alert.attempts}×: ${alert.last_error}` : "pending";
}

/** @param {BudgetAlertRecord} alert */
function deliveryCell(alert) {
  const state = deliveryState(alert);
  const kind = alert.delivered_at ? "ok" : alert.last_error ? "error" : "warn";
  return h("span", { class: `tag ${kind}`, title: state }, state);
}
