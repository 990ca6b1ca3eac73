import type { CostSummary, MonthToDate } from "@org/ai-usage-sdk";
import { formatChange, formatInteger, formatUsd } from "../../text/format.js";
import { heading, renderTable } from "./table.js";

/** A span of days as "Dec 1–3" (one month, so the month is said once). */
function daySpan(start: string, end: string): string {
  const month = new Date(`${start}T00:00:00Z`).toLocaleString("en-US", { month: "short", timeZone: "UTC" });
  const first = Number(start.slice(8));
  const last = Number(end.slice(8));
  return first === last ? `${month} ${first}` : `${month} ${first}–${last}`;
}

/**
 * This month so far against the same days of last month (a whole month against a few days read
 * −95 % on the 2nd), the whole of last month for context, and spend per calendar period.
 */
export function renderPeriods(monthToDate: MonthToDate, costSummary: CostSummary): string {
  const current = monthToDate.current;
  const previous = monthToDate.previous;
  const months = renderTable(
    [
      "",
      `This month (${daySpan(current.start_date, current.end_date)})`,
      `Same days last month (${daySpan(previous.start_date, previous.end_date)})`,
      "Change",
      "Last month (whole)",
    ],
    ["left", "right", "right", "right", "right"],
    [
      [
        "Requests",
        formatInteger(current.requests),
        formatInteger(previous.requests),
        formatChange(current.requests, previous.requests),
        formatInteger(monthToDate.previous_month.requests),
      ],
      [
        "Tokens",
        formatInteger(current.tokens),
        formatInteger(previous.tokens),
        formatChange(current.tokens, previous.tokens),
        formatInteger(monthToDate.previous_month.tokens),
      ],
      [
        "Cost",
        formatUsd(current.cost_usd),
        formatUsd(previous.cost_usd),
        formatChange(current.cost_usd, previous.cost_usd),
        formatUsd(monthToDate.previous_month.cost_usd),
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
