import type { UserUsage } from "@org/ai-usage-sdk";
import { formatInteger, formatUsd } from "../../text/format.js";
import { heading, renderTable } from "./table.js";

const recentShown = 5;

/** A drill-down into the biggest spender, as `get_user_ai_usage` shows one user's usage. */
export function renderTopUser(email: string, usage: UserUsage): string {
  const { summary } = usage;
  const recent = renderTable(
    ["When (UTC)", "Customer", "Type", "Model", "Tokens", "Cost", "Status"],
    ["left", "left", "left", "left", "right", "right", "left"],
    usage.recent_requests
      .slice(0, recentShown)
      .map((request) => [
        request.created_at.slice(0, 19).replace("T", " "),
        request.customer_name ?? "-",
        request.request_type,
        request.model_used,
        formatInteger(request.total_tokens),
        request.cost === null ? "unpriced" : formatUsd(request.cost, true),
        request.status,
      ]),
  );
  return [
    heading(`Top user: ${email}`),
    `${formatInteger(summary.total_requests)} requests (${formatInteger(summary.failed_requests)} failed), ` +
      `${formatInteger(summary.total_tokens)} tokens, ${formatUsd(summary.total_cost_usd)}.`,
    `Latest ${Math.min(recentShown, usage.recent_requests.length)} requests:`,
    recent,
  ].join("\n");
}
