import type { UsageDashboard } from "@org/ai-usage-sdk";
import { formatInteger, formatShare, formatUsd } from "../../text/format.js";
import { heading, renderTable } from "./table.js";

/** Cost and volume per request type and per model. */
export function renderBreakdowns(dashboard: UsageDashboard): string {
  const totalRequests = dashboard.summary.total_requests;
  const byType = renderTable(
    ["Request type", "Requests", "Share", "Tokens", "Cost", "Avg latency"],
    ["left", "right", "right", "right", "right", "right"],
    dashboard.by_request_type.map((type) => [
      type.request_type,
      formatInteger(type.count),
      formatShare(type.count, totalRequests),
      formatInteger(type.tokens),
      formatUsd(type.cost),
      type.avg_latency === null ? "-" : `${formatInteger(type.avg_latency)} ms`,
    ]),
  );
  const byModel = renderTable(
    ["Provider", "Model", "Requests", "Input", "Output", "Cache write", "Cache read", "Cost"],
    ["left", "left", "right", "right", "right", "right", "right", "right"],
    dashboard.by_model.map((model) => [
      model.provider ?? "-",
      model.model_used,
      formatInteger(model.requests),
      formatInteger(model.input_tokens),
      formatInteger(model.output_tokens),
      formatInteger(model.cache_write_tokens),
      formatInteger(model.cache_read_tokens),
      model.unpriced_requests === model.requests ? "unpriced" : formatUsd(model.cost),
    ]),
  );
  return [heading("By request type"), byType, heading("By model"), byModel].join("\n");
}
