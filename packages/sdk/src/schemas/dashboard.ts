import { z } from "zod";
import { count, PeriodSchema, reportDate, timestamp, usd } from "./json-values.js";

/** `get_ai_usage_dashboard(p_days)`: the admin dashboard (amounts in USD, rounding per the contract). */
export const UsageDashboardSchema = z.object({
  period: PeriodSchema,
  summary: z.object({
    total_requests: count,
    successful_requests: count,
    failed_requests: count,
    total_input_tokens: count,
    total_output_tokens: count,
    total_cache_write_tokens: count,
    total_cache_read_tokens: count,
    total_tokens: count,
    total_cost_usd: usd,
    avg_tokens_per_request: count,
    avg_cost_per_request: usd,
    avg_latency_ms: count,
    unpriced_requests: count,
    unique_users: count,
  }),
  costs: z.object({
    input_cost_usd: usd,
    output_cost_usd: usd,
    cache_write_cost_usd: usd,
    cache_read_cost_usd: usd,
    total_cost_usd: usd,
    cost_per_1k_tokens: usd,
    cache_savings_usd: usd,
  }),
  by_user: z.array(
    z.object({
      user_id: z.string(),
      user_email: z.string().nullable(),
      request_count: count,
      input_tokens: count,
      output_tokens: count,
      cache_write_tokens: count,
      cache_read_tokens: count,
      total_tokens: count,
      total_cost: usd,
      avg_cost_per_request: usd,
      last_request: timestamp,
    }),
  ),
  by_customer: z.array(
    z.object({
      customer_id: z.number().int(),
      customer_name: z.string().nullable(),
      request_count: count,
      total_tokens: count,
      total_cost: usd,
      unique_users: count,
    }),
  ),
  daily_trend: z.array(
    z.object({ date: reportDate, requests: count, tokens: count, cost: usd, unique_users: count }),
  ),
  by_request_type: z.array(
    z.object({
      request_type: z.string(),
      count: count,
      tokens: count,
      cost: usd,
      avg_latency: count.nullable(),
    }),
  ),
  by_model: z.array(
    z.object({
      provider: z.string().nullable(),
      model_used: z.string(),
      requests: count,
      input_tokens: count,
      output_tokens: count,
      cache_write_tokens: count,
      cache_read_tokens: count,
      total_tokens: count,
      cost: usd,
      unpriced_requests: count,
    }),
  ),
  unpriced_models: z.array(
    z.object({
      provider: z.string().nullable(),
      model_used: z.string(),
      requests: count,
      total_tokens: count,
      last_request: timestamp,
    }),
  ),
  current_month: z.object({ requests: count, tokens: count, cost_usd: usd }),
  previous_month: z.object({ requests: count, tokens: count, cost_usd: usd }),
});
export type UsageDashboard = z.infer<typeof UsageDashboardSchema>;
