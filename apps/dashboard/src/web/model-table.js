// @ts-check
// Usage and cost per provider and model: the by-model breakdown as a table, every row of it in the
// CSV (the report returns them all), so spend can be split by provider.
import { h } from "./dom.js";
import { formatCount, formatUsd } from "./format.js";
import { providerName } from "./providers.js";
import { tableCard } from "./table.js";

/** @typedef {import("@org/ai-usage-sdk").UsageDashboard} UsageDashboard */
/** @typedef {UsageDashboard["by_model"][number]} ModelRow */

/** @param {UsageDashboard} dashboard */
export function modelsTable(dashboard) {
  /** @param {keyof ModelRow & `${string}_tokens`} key */
  const tokens = (key) => ({
    numeric: true,
    /** @param {ModelRow} m */
    value: (m) => m[key],
    /** @param {ModelRow} m */
    display: (m) => formatCount(m[key]),
  });
  return tableCard({
    title: "Models",
    subtitle:
      "By cost, per provider and model: the same model from two providers is two rows, each at its own price.",
    testId: "table-models",
    fileName: `models-${dashboard.period.days}d.csv`,
    emptyText: "No models used in this period.",
    rows: dashboard.by_model,
    columns: [
      { key: "model_used", label: "Model", value: (m) => m.model_used },
      {
        key: "provider",
        label: "Provider",
        value: (m) => providerName(m.provider),
      },
      {
        key: "requests",
        label: "Requests",
        numeric: true,
        value: (m) => m.requests,
        display: (m) => formatCount(m.requests),
      },
      { key: "input_tokens", label: "Input", ...tokens("input_tokens") },
      { key: "output_tokens", label: "Output", ...tokens("output_tokens") },
      { key: "cache_write_tokens", label: "Cache writes", ...tokens("cache_write_tokens") },
      { key: "cache_read_tokens", label: "Cache reads", ...tokens("cache_read_tokens") },
      {
        key: "cost",
        label: "Cost",
        numeric: true,
        // A model none of whose requests has a price has no known cost: empty, not 0, in the CSV.
        value: (m) => (m.unpriced_requests === m.requests ? null : m.cost),
        display: costCell,
      },
      {
        key: "unpriced_requests",
        label: "Unpriced",
        numeric: true,
        value: (m) => m.unpriced_requests,
        display: (m) => (m.unpriced_requests > 0 ? formatCount(m.unpriced_requests) : ""),
      },
    ],
  });
}

/**
 * A model none of whose requests has a price costs nothing known: `unpriced`, never `$0.00`.
 * @param {ModelRow} row
 */
function costCell(row) {
  return row.unpriced_requests === row.requests
    ? h("span", { class: "tag warn" }, "unpriced")
    : formatUsd(row.cost);
}
