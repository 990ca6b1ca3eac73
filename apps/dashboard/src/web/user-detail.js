// @ts-check
// The drill-down for one user (get_user_ai_usage): their totals, daily usage and newest requests.
import { dailyCostChart } from "./charts.js";
import { h, replaceChildren } from "./dom.js";
import { formatCount, formatLatency, formatRatio, formatTimestamp, formatUsd } from "./format.js";
import { providerName } from "./providers.js";
import { errorView } from "./states.js";
import { tableCard } from "./table.js";

/** @typedef {import("@org/ai-usage-sdk").UserUsage} UserUsage */
/** @typedef {UserUsage["recent_requests"][number]} RequestRow */

/**
 * @param {{ userId: string, label: string, onClose: () => void }} user
 * @returns {{ element: HTMLElement, show: (usage: UserUsage) => void, fail: (error: unknown) => void, redraw: () => void }}
 */
export function userDetail(user) {
  const body = h("div", { class: "user-body" }, h("p", { class: "loading" }, "Loading…"));
  const element = h(
    "section",
    { class: "card user-detail", "data-testid": "user-detail", "aria-label": `Usage of ${user.label}` },
    h(
      "header",
      { class: "card-header" },
      h("div", {}, h("h2", {}, user.label), h("p", { class: "muted" }, h("code", {}, user.userId))),
      h("button", { type: "button", class: "secondary small", onclick: user.onClose }, "Close"),
    ),
    body,
  );
  /** @type {(() => void) | null} */
  let redrawChart = null;

  return {
    element,
    show(usage) {
      const chartBody = h("div", { class: "chart-body" });
      redrawChart = () =>
        replaceChildren(
          chartBody,
          dailyCostChart(usage.daily_usage, Math.floor(chartBody.clientWidth) || 600),
        );
      replaceChildren(body, summaryLine(usage), chartBody, requestsTable(usage, user.userId));
      redrawChart();
    },
    fail(error) {
      redrawChart = null;
      replaceChildren(body, errorView(error));
    },
    redraw: () => redrawChart?.(),
  };
}

/** @param {UserUsage} usage */
function summaryLine(usage) {
  const s = usage.summary;
  /** @param {string} label @param {string} value @param {string} testId */
  const item = (label, value, testId) =>
    h(
      "div",
      { class: "mini-kpi" },
      h("span", { class: "muted" }, label),
      h("strong", { "data-testid": testId }, value),
    );
  return h(
    "div",
    { class: "mini-kpis" },
    item("Requests", formatCount(s.total_requests), "user-requests"),
    item("Success rate", formatRatio(s.successful_requests, s.total_requests), "user-success-rate"),
    item("Tokens", formatCount(s.total_tokens), "user-tokens"),
    item("Cost", formatUsd(s.total_cost_usd), "user-cost"),
    item("Unpriced requests", formatCount(s.unpriced_requests), "user-unpriced"),
  );
}

/**
 * @param {UserUsage} usage
 * @param {string} userId
 */
function requestsTable(usage, userId) {
  const zone = usage.period.time_zone;
  return tableCard({
    title: "Recent requests",
    subtitle: "Newest 50 in the period.",
    testId: "table-user-requests",
    fileName: `requests-${userId}-${usage.period.days}d.csv`,
    emptyText: "This user made no requests in this period.",
    rows: usage.recent_requests,
    columns: [
      {
        key: "created_at",
        label: "Time",
        value: (r) => r.created_at,
        display: (r) => formatTimestamp(r.created_at, zone),
      },
      { key: "request_type", label: "Type", value: (r) => r.request_type },
      { key: "model_used", label: "Model", value: (r) => r.model_used },
      { key: "provider", label: "Provider", value: (r) => providerName(r.provider) },
      {
        key: "customer_name",
        label: "Customer",
        value: (r) => r.customer_name,
        display: (r) => r.customer_name ?? "—",
      },
      {
        key: "total_tokens",
        label: "Tokens",
        numeric: true,
        value: (r) => r.total_tokens,
        display: (r) => formatCount(r.total_tokens),
      },
      {
        key: "cost",
        label: "Cost",
        numeric: true,
        value: (r) => r.cost,
        display: (r) => (r.cost === null ? h("span", { class: "tag warn" }, "unpriced") : formatUsd(r.cost)),
      },
      {
        key: "latency_ms",
        label: "Latency",
        numeric: true,
        value: (r) => r.latency_ms,
        display: (r) => formatLatency(r.latency_ms),
      },
      { key: "status", label: "Status", value: (r) => r.status, display: statusCell },
      {
        key: "error_message",
        label: "Error",
        value: (r) => r.error_message,
        display: (r) => r.error_message ?? "",
      },
    ],
  });
}

/** @param {RequestRow} row */
function statusCell(row) {
  return h("span", { class: row.status === "success" ? "tag ok" : "tag error" }, row.status);
}
