import type { BudgetAlert } from "../schemas/budget-alert.js";
import { currentPeriod, formatDay, formatUsd, resetDay } from "./budget-wording.js";

/** What the dispatcher POSTs for one alert. */
export interface BudgetAlertPayload {
  /** The same for every attempt at this alert: receivers drop what they have already seen. */
  idempotency_key: string;
  /** One line for people (Slack's incoming webhooks show `text`). */
  text: string;
  /** The alert as the database claimed it. */
  alert: BudgetAlert;
}

/**
 * `AI budget "Alice monthly" (alice@example.com) passed 80%: $4.02 of $5.00 this month (hard
 * limit), resets 1 January.`
 */
export function alertText(alert: BudgetAlert): string {
  const name = alert.budget_name ? `"${alert.budget_name}" (${target(alert)})` : `for ${target(alert)}`;
  const resets = formatDay(resetDay(alert.resets_at, alert.time_zone as string | undefined), {
    withYear: false,
  });
  return (
    `AI budget ${name} passed ${alert.threshold_percent}%: ${formatUsd(alert.spent_usd)} of ` +
    `${formatUsd(alert.limit_usd)} ${currentPeriod(alert.period)} (${alert.mode} limit), resets ${resets}.`
  );
}

export function alertPayload(alert: BudgetAlert): BudgetAlertPayload {
  return { idempotency_key: alert.idempotency_key, text: alertText(alert), alert };
}

/** Who the budget covers, in words. */
function target(alert: BudgetAlert): string {
  const user = alert.user_email ?? `user ${alert.user_id}`;
  const customer = alert.customer_name ?? `customer ${alert.customer_id}`;
  switch (alert.scope) {
    case "project":
      return "the whole project";
    case "customer":
      return customer;
    case "user":
      return user;
    case "user_in_customer":
      return `${user} at ${customer}`;
  }
}
