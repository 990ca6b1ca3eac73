import type { UsageDashboard } from "@org/ai-usage-sdk";
import { formatInteger, formatUsd } from "../../text/format.js";
import { heading, renderTable } from "./table.js";

const shown = 10;

/** Who spends (usage is charged to the logged-in user, admins included) and for which customers. */
export function renderRankings(dashboard: UsageDashboard): string {
  const users = renderTable(
    ["#", "User", "Requests", "Tokens", "Cost", "Avg / request", "Last request (UTC)"],
    ["right", "left", "right", "right", "right", "right", "left"],
    dashboard.by_user
      .slice(0, shown)
      .map((user, index) => [
        index + 1,
        user.user_email ?? user.user_id,
        formatInteger(user.request_count),
        formatInteger(user.total_tokens),
        formatUsd(user.total_cost),
        formatUsd(user.avg_cost_per_request, true),
        user.last_request.slice(0, 16).replace("T", " "),
      ]),
  );
  const customers = renderTable(
    ["#", "Customer", "Id", "Requests", "Tokens", "Cost", "Users"],
    ["right", "left", "right", "right", "right", "right", "right"],
    dashboard.by_customer
      .slice(0, shown)
      .map((customer, index) => [
        index + 1,
        customer.customer_name ?? "(no name)",
        customer.customer_id,
        formatInteger(customer.request_count),
        formatInteger(customer.total_tokens),
        formatUsd(customer.total_cost),
        formatInteger(customer.unique_users),
      ]),
  );
  return [
    heading(
      `Top users by cost (${Math.min(shown, dashboard.by_user.length)} of the top ${dashboard.by_user.length})`,
    ),
    users,
    heading(
      `Top customers by cost (${Math.min(shown, dashboard.by_customer.length)} of the top ${dashboard.by_customer.length}; admins helping a customer count here and as themselves above)`,
    ),
    customers,
  ].join("\n");
}
