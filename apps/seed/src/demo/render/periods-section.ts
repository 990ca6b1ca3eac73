import type { CostSummary, UsageDashboard } from "@org/ai-usage-sdk";
import { formatChange, formatInteger, formatUsd } from "../../text/format.js";
import { heading, renderTable } from "./table.js";

/** This month (to date) against last month, and spend per calendar period. */
export function renderPeriods(dashboard: UsageDashboard, costSummary: CostSummary): string {
  const current = dashboard.current_month;
  const previous = dashboard.previous_month;
  const months = renderTable(
    ["", "This month (to date)", "Last month", "Change"],
    ["left", "right", "right", "right"],
    [
      [
        "Requests",
        formatInteger(current.requests),
        formatInteger(previous.requests),
        formatChange(current.requests, previous.requests),
      ],
      [
        "Tokens",
        formatInteger(current.tokens),
        formatInteger(previous.tokens),
        formatChange(current.tokens, previous.tokens),
      ],
      [
        "Cost",
        formatUsd(current.cost_usd),
        formatUsd(previous.cost_usd),
        formatChange(current.cost_usd, previous.cost_usd),
      ],
    ],
  );
  const periods = renderTable(
    ["Today", "Yesterday", "This week", "This month", "Last month", "All time"],
    ["right", "right", "right", "right", "right", "right"],
    [
      [
        costSummary.today,
        costSummary.yesterday,
        costSummary.this_week,
        costSummary.this_month,
        costSummary.last_month,
        costSummary.all_time,
      ].map((amount) => formatUsd(amount)),
    ],
  );
  return [
    heading("This month vs last month"),
    months,
    heading(`Spend by period (${costSummary.time_zone}; weeks start on Monday)`),
    periods,
  ].join("\n");
}
