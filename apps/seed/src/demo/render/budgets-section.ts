import { type BudgetAlertRecord, type BudgetStatus, describeBudgetStatus } from "@org/ai-usage-sdk";
import { formatUsd } from "../../text/format.js";
import { bar } from "./bar.js";
import { heading, renderTable } from "./table.js";

const barWidth = 10;

/**
 * The budgets in force (nearest their limit first, as list_ai_usage_budgets orders them), the line
 * a user with a budget reads, then the newest threshold alerts and their delivery.
 */
export function renderBudgets(
  budgets: readonly BudgetStatus[],
  alerts: readonly BudgetAlertRecord[],
  /** The reporting time zone: the day a period resets is read in it. */
  timeZone: string,
): string {
  if (budgets.length === 0 && alerts.length === 0) {
    return `${heading("Budgets")}\nNo budgets set (set_ai_usage_budget, or the dashboard's Budgets page).`;
  }
  const table = renderTable(
    ["Budget", "Covers", "Mode", "Spent", "Held", "Limit", "Used", ""],
    ["left", "left", "left", "right", "right", "right", "right", "left"],
    budgets.map((budget) => [
      shorten(budget.name ?? `budget ${budget.budget_id}`),
      shorten(covers(budget)),
      budget.mode,
      formatUsd(budget.spent_usd ?? 0),
      formatUsd(budget.held_usd ?? 0),
      formatUsd(budget.limit_usd ?? 0),
      `${(budget.percent_used ?? 0).toFixed(1)}%${state(budget)}`,
      bar(Math.min(budget.percent_used ?? 0, 100), 100, barWidth),
    ]),
  );
  // What an app shows a user about their own budget (the SDK's describeBudgetStatus).
  const userLines = budgets
    .filter((budget) => budget.scope === "user" || budget.scope === "user_in_customer")
    .map((budget) => `  ${covers(budget)}: ${describeBudgetStatus(budget, { timeZone })}`);
  const sections = [heading("Budgets (this period, in the reporting time zone)"), table];
  if (userLines.length > 0) sections.push("What a user with a budget reads in the app:", ...userLines);
  if (alerts.length > 0) {
    sections.push(
      heading(`Budget alerts (the newest ${alerts.length})`),
      renderTable(
        ["Written (UTC)", "Budget", "Crossed", "Spent then", "Delivery"],
        ["left", "left", "right", "right", "left"],
        alerts.map((alert) => [
          alert.created_at.slice(0, 16).replace("T", " "),
          shorten(alert.budget_name ?? `budget ${alert.budget_id}`),
          `${alert.threshold_percent}%`,
          `${formatUsd(alert.spent_usd)} of ${formatUsd(alert.limit_usd)}`,
          delivery(alert),
        ]),
      ),
    );
  }
  return sections.join("\n");
}

const longest = 36;

/** Long names (an email address and then some) would push the figures off a terminal's width. */
function shorten(text: string): string {
  return text.length <= longest ? text : `${text.slice(0, longest - 1)}…`;
}

function covers(budget: BudgetStatus): string {
  const customer = budget.customer_name ?? `customer ${budget.customer_id}`;
  const user = budget.user_email ?? budget.user_id ?? "";
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

/** Marks a hard budget that refuses now and a soft one that was overrun. */
function state(budget: BudgetStatus): string {
  if (budget.mode === "hard" && budget.exhausted) return " (full)";
  if (budget.mode === "soft" && (budget.percent_used ?? 0) > 100) return " (over)";
  return "";
}

/** Alerts go out through the SDK's dispatcher; until one runs they wait in the outbox. */
function delivery(alert: BudgetAlertRecord): string {
  if (alert.delivered_at !== null) return `delivered ${alert.delivered_at.slice(0, 16).replace("T", " ")}`;
  if (alert.last_error !== null) return `failed ${alert.attempts}x: ${alert.last_error.slice(0, 40)}`;
  return "waiting for a dispatcher";
}
