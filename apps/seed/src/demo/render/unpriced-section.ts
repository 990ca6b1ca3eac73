import type { UsageDashboard } from "@org/ai-usage-sdk";
import { formatInteger } from "../../text/format.js";
import { heading, renderTable } from "./table.js";

/** Models with no price in the catalog: their usage is counted but has no cost (never a silent $0). */
export function renderUnpriced(dashboard: UsageDashboard): string {
  const title = heading("Unpriced models");
  if (dashboard.unpriced_models.length === 0)
    return `${title}\nNone: every request in the window has a price.`;
  const table = renderTable(
    ["Provider", "Model", "Requests", "Tokens", "Last request (UTC)"],
    ["left", "left", "right", "right", "left"],
    dashboard.unpriced_models.map((model) => [
      model.provider ?? "-",
      model.model_used,
      formatInteger(model.requests),
      formatInteger(model.total_tokens),
      model.last_request.slice(0, 16).replace("T", " "),
    ]),
  );
  return [
    title,
    table,
    `${formatInteger(dashboard.summary.unpriced_requests)} requests are not in the costs above. ` +
      "Add a price to ai_model_prices, then run reprice_ai_usage(model) to cost them.",
  ].join("\n");
}
