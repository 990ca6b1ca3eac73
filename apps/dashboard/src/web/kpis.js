// @ts-check
// The headline numbers. Each value carries a data-testid: the end-to-end test reads them and
// compares them with get_ai_usage_dashboard's own output for the same range.
import { h } from "./dom.js";
import { costPerMillionTokens } from "./figures.js";
import {
  formatChange,
  formatCount,
  formatCountAxis,
  formatCountOf,
  formatCountShort,
  formatDaySpan,
  formatLatency,
  formatRatio,
  formatUsd,
} from "./format.js";

/** @typedef {import("@org/ai-usage-sdk").UsageDashboard} UsageDashboard */
/** @typedef {import("@org/ai-usage-sdk").CostSummary} CostSummary */
/** @typedef {import("./api.js").MonthToDate} MonthToDate */

/**
 * @param {string} testId
 * @param {string} label
 * @param {string | { text: string, exact: string }} value  shortened figures carry their exact text (a tooltip)
 * @param {(Node | string)[]} detail
 */
function kpi(testId, label, value, ...detail) {
  const { text, exact } = typeof value === "string" ? { text: value, exact: undefined } : value;
  return h(
    "div",
    { class: "kpi" },
    h("div", { class: "kpi-label" }, label),
    h("div", { class: "kpi-value", "data-testid": testId, title: exact }, text),
    h("div", { class: "kpi-detail" }, detail),
  );
}

/**
 * A count as a headline: short from a million on, exact in its tooltip.
 * @param {number} value
 * @param {string} unit
 */
function headlineCount(value, unit) {
  return { text: formatCountShort(value), exact: `${formatCount(value)} ${unit}` };
}

/**
 * @param {UsageDashboard} dashboard
 * @param {MonthToDate} monthToDate
 */
export function kpiGrid(dashboard, monthToDate) {
  const { summary } = dashboard;
  const { current, previous } = monthToDate;
  // Month to date against the same days of last month: on the 2nd, two days against two days.
  const change = formatChange(current.cost_usd, previous.cost_usd);
  const cachedTokens = summary.total_cache_write_tokens + summary.total_cache_read_tokens;
  return h(
    "section",
    { class: "kpis", "aria-label": "Key figures" },
    kpi(
      "kpi-requests",
      "Requests",
      headlineCount(summary.total_requests, "requests"),
      `${formatCount(summary.unique_users)} users · ${formatCount(summary.failed_requests)} failed`,
    ),
    kpi(
      "kpi-success-rate",
      "Success rate",
      formatRatio(summary.successful_requests, summary.total_requests),
      `${formatCount(summary.successful_requests)} succeeded`,
    ),
    kpi(
      "kpi-tokens",
      "Tokens",
      headlineCount(summary.total_tokens, "tokens"),
      `${formatCountAxis(summary.total_input_tokens)} in · ${formatCountAxis(summary.total_output_tokens)} out · ` +
        `${formatCountAxis(cachedTokens)} cache`,
    ),
    kpi(
      "kpi-cost",
      "Cost",
      formatUsd(summary.total_cost_usd),
      summary.unpriced_requests > 0
        ? h("span", { class: "warn" }, `+ ${formatCountOf(summary.unpriced_requests, "unpriced request")}`)
        : `${formatUsd(costPerMillionTokens(dashboard))} per 1M tokens`,
    ),
    kpi(
      "kpi-avg-cost",
      "Cost / request",
      formatUsd(summary.avg_cost_per_request),
      `average · ${formatCount(summary.avg_tokens_per_request)} tokens`,
    ),
    kpi("kpi-avg-latency", "Avg latency", formatLatency(summary.avg_latency_ms), "successful requests"),
    kpi(
      "kpi-month-cost",
      "This month so far",
      formatUsd(current.cost_usd),
      h("span", { class: `change ${change.direction}`, "data-testid": "kpi-month-change" }, change.text),
      " vs ",
      h("span", { "data-testid": "kpi-previous-month-cost" }, formatUsd(previous.cost_usd)),
      " on ",
      h(
        "span",
        { "data-testid": "kpi-previous-span" },
        formatDaySpan(previous.start_date, previous.end_date),
      ),
    ),
  );
}

/** @param {CostSummary} summary */
export function spendStrip(summary) {
  /** @type {[string, string, number][]} */
  const periods = [
    ["today", "Today", summary.today],
    ["yesterday", "Yesterday", summary.yesterday],
    ["this-week", "This week", summary.this_week],
    ["this-month", "This month", summary.this_month],
    ["last-month", "Last month", summary.last_month],
    ["all-time", "All time", summary.all_time],
  ];
  return h(
    "section",
    { class: "spend-strip", "aria-label": "Spend by period" },
    h("span", { class: "spend-title" }, "Spend"),
    periods.map(([id, label, value]) =>
      h(
        "span",
        { class: "spend-item" },
        h("span", { class: "muted" }, label),
        h("strong", { "data-testid": `spend-${id}` }, formatUsd(value)),
      ),
    ),
  );
}
