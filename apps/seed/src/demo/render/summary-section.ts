import type { UsageDashboard } from "@org/ai-usage-sdk";
import { formatInteger, formatShare, formatUsd } from "../../text/format.js";
import { heading, renderTable } from "./table.js";

/** Headline numbers of the window, then its cost split into the four token buckets. */
export function renderSummary(dashboard: UsageDashboard): string {
  const { summary, costs, period } = dashboard;
  const overview = renderTable(
    ["Requests", "Failed", "Users", "Tokens", "Cost", "Avg cost / request", "Avg latency"],
    ["right", "right", "right", "right", "right", "right", "right"],
    [
      [
        formatInteger(summary.total_requests),
        `${formatInteger(summary.failed_requests)} (${formatShare(summary.failed_requests, summary.total_requests)})`,
        formatInteger(summary.unique_users),
        formatInteger(summary.total_tokens),
        formatUsd(summary.total_cost_usd),
        formatUsd(summary.avg_cost_per_request, true),
        `${formatInteger(summary.avg_latency_ms)} ms`,
      ],
    ],
  );

  const buckets: [string, number, number][] = [
    ["Input (uncached)", summary.total_input_tokens, costs.input_cost_usd],
    ["Output", summary.total_output_tokens, costs.output_cost_usd],
    ["Cache write", summary.total_cache_write_tokens, costs.cache_write_cost_usd],
    ["Cache read", summary.total_cache_read_tokens, costs.cache_read_cost_usd],
  ];
  const byBucket = renderTable(
    ["Bucket", "Tokens", "Cost", "Share of cost"],
    ["left", "right", "right", "right"],
    [
      ...buckets.map(([name, tokens, cost]) => [
        name,
        formatInteger(tokens),
        formatUsd(cost),
        formatShare(cost, costs.total_cost_usd),
      ]),
      ["Total", formatInteger(summary.total_tokens), formatUsd(costs.total_cost_usd), "100.0%"],
    ],
  );

  return [
    heading(`Last ${period.days} days (${period.start_date} .. ${period.end_date}, ${period.time_zone})`),
    overview,
    heading("Cost by token bucket"),
    byBucket,
    `Prompt caching saved ${formatUsd(costs.cache_savings_usd)} (cache reads at the input rate minus what they cost); ` +
      `${formatUsd(costs.cost_per_1k_tokens, true)} per 1,000 tokens overall.`,
  ].join("\n");
}
