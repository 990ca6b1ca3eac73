import { z } from "zod";
import { count, usd } from "./json-values.js";

/** `get_ai_cost_summary()`: spend per period in the reporting zone (weeks start on Monday). */
export const CostSummarySchema = z.object({
  today: usd,
  yesterday: usd,
  this_week: usd,
  this_month: usd,
  last_month: usd,
  all_time: usd,
  requests_today: count,
  requests_this_month: count,
  unpriced_requests_this_month: count,
  time_zone: z.string(),
});
export type CostSummary = z.infer<typeof CostSummarySchema>;
