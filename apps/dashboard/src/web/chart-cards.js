// @ts-check
// The four chart cards: daily cost and requests, cost by model, cost by request type, cache savings.
import { barList, dailyCostChart, stackedBar } from "./charts.js";
import { h, replaceChildren } from "./dom.js";
import { costPerMillionTokens } from "./figures.js";
import { formatCount, formatCountOf, formatRatio, formatUsd } from "./format.js";
import { providerName } from "./providers.js";

/** @typedef {import("@org/ai-usage-sdk").UsageDashboard} UsageDashboard */

const MAX_BARS = 8;

/**
 * A card whose body is redrawn at its own width (on first show and when the window resizes).
 * @param {{ title: string, subtitle?: string, testId: string, wide?: boolean, legend?: Node }} options
 * @param {(width: number) => Node} draw
 * @returns {{ element: HTMLElement, redraw: () => void }}
 */
export function chartCard(options, draw) {
  const body = h("div", { class: "chart-body" });
  const element = h(
    "article",
    { class: options.wide ? "card chart-card wide" : "card chart-card", "data-testid": options.testId },
    h(
      "header",
      { class: "card-header" },
      h(
        "div",
        {},
        h("h2", {}, options.title),
        options.subtitle ? h("p", { class: "muted" }, options.subtitle) : null,
      ),
      options.legend ?? null,
    ),
    body,
  );
  return { element, redraw: () => replaceChildren(body, draw(Math.floor(body.clientWidth) || 600)) };
}

/** @param {string} text */
function noData(text) {
  return h("p", { class: "empty-note" }, text);
}

/**
 * @param {UsageDashboard} dashboard
 * @returns {{ element: HTMLElement, redraw: () => void }[]}
 */
export function chartCards(dashboard) {
  const empty = dashboard.summary.total_requests === 0;
  const legend = h(
    "div",
    { class: "legend" },
    h("span", { class: "swatch cost" }),
    "Cost",
    h("span", { class: "swatch requests" }),
    "Requests",
  );
  const daily = chartCard(
    { title: "Daily cost and requests", testId: "chart-daily", wide: true, legend },
    (width) => (empty ? noData("No requests in this period.") : dailyCostChart(dashboard.daily_trend, width)),
  );
  const models = chartCard({ title: "Cost by model", testId: "chart-models" }, (width) =>
    dashboard.by_model.length === 0
      ? noData("No models used in this period.")
      : barList(
          topWithOther(
            dashboard.by_model.map((m) => ({
              label: m.model_used,
              value: m.cost,
              valueText: m.unpriced_requests === m.requests ? "unpriced" : formatUsd(m.cost),
              // The provider tells apart one model id served by two providers (two bars).
              note:
                m.unpriced_requests > 0
                  ? `${providerName(m.provider)} · ${formatCountOf(m.requests, "request")} · ${formatCount(m.unpriced_requests)} unpriced`
                  : `${providerName(m.provider)} · ${formatCountOf(m.requests, "request")}`,
              muted: m.unpriced_requests === m.requests,
            })),
          ),
          width,
        ),
  );
  const types = chartCard({ title: "Cost by request type", testId: "chart-request-types" }, (width) =>
    dashboard.by_request_type.length === 0
      ? noData("No requests in this period.")
      : barList(
          topWithOther(
            [...dashboard.by_request_type]
              .sort((a, b) => b.cost - a.cost)
              .map((t) => ({
                label: t.request_type,
                value: t.cost,
                valueText: formatUsd(t.cost),
                note: formatCountOf(t.count, "request"),
              })),
          ),
          width,
        ),
  );
  // Page order: the daily chart beside the cache card, then the two breakdowns side by side.
  return [daily, cacheCard(dashboard), models, types];
}

/**
 * What the cache saved: cache reads priced at the input rate minus what they actually cost.
 * @param {UsageDashboard} dashboard
 */
function cacheCard(dashboard) {
  const { costs, summary } = dashboard;
  const withoutCache = costs.cache_read_cost_usd + costs.cache_savings_usd;
  const promptTokens =
    summary.total_input_tokens + summary.total_cache_write_tokens + summary.total_cache_read_tokens;
  const parts = [
    { label: "Input", value: costs.input_cost_usd, className: "input" },
    { label: "Output", value: costs.output_cost_usd, className: "output" },
    { label: "Cache writes", value: costs.cache_write_cost_usd, className: "cache-write" },
    { label: "Cache reads", value: costs.cache_read_cost_usd, className: "cache-read" },
  ];
  return chartCard({ title: "Cache savings", testId: "chart-cache" }, (width) =>
    h(
      "div",
      { class: "cache" },
      h("div", { class: "big-number", "data-testid": "cache-savings" }, formatUsd(costs.cache_savings_usd)),
      h(
        "p",
        { class: "muted" },
        summary.total_cache_read_tokens > 0
          ? `${formatCount(summary.total_cache_read_tokens)} cache-read tokens cost ${formatUsd(costs.cache_read_cost_usd)} ` +
              `instead of ${formatUsd(withoutCache)} at the input rate ` +
              `(${formatRatio(costs.cache_savings_usd, costs.total_cost_usd + costs.cache_savings_usd)} of what the ` +
              "period would have cost without the cache)."
          : "No prompt-cache reads in this period.",
      ),
      h(
        "div",
        { class: "mini-kpis" },
        miniKpi(
          "Cache hit rate",
          formatRatio(summary.total_cache_read_tokens, promptTokens),
          "of prompt tokens",
        ),
        miniKpi("Cost per 1M tokens", formatUsd(costPerMillionTokens(dashboard)), "all tokens"),
      ),
      h("h3", {}, "Where the money went"),
      stackedBar(parts, width),
      h(
        "ul",
        { class: "legend parts" },
        parts.map((part) =>
          h(
            "li",
            {},
            h("span", { class: `swatch ${part.className}` }),
            `${part.label} `,
            h("strong", {}, formatUsd(part.value)),
          ),
        ),
      ),
    ),
  );
}

/**
 * @param {string} label
 * @param {string} value
 * @param {string} detail
 */
function miniKpi(label, value, detail) {
  return h(
    "div",
    { class: "mini-kpi" },
    h("span", { class: "muted" }, label),
    h("strong", {}, value),
    h("span", { class: "muted small" }, detail),
  );
}

/**
 * The largest items, with the rest summed into one "Other" row so a long tail stays readable.
 * @param {{ label: string, value: number, valueText: string, note?: string, muted?: boolean }[]} items
 */
function topWithOther(items) {
  if (items.length <= MAX_BARS) return items;
  const rest = items.slice(MAX_BARS - 1);
  const restValue = rest.reduce((sum, item) => sum + item.value, 0);
  return [
    ...items.slice(0, MAX_BARS - 1),
    { label: `Other (${rest.length})`, value: restValue, valueText: formatUsd(restValue), muted: true },
  ];
}
