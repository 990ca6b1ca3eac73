import { z } from "zod";
import { count, PeriodSchema, reportDate, timestamp, usd } from "./json-values.js";

/** `get_user_ai_usage(p_user_id, p_days)`: one user's usage (their own, or anyone's for an admin). */
export const UserUsageSchema = z.object({
  period: PeriodSchema,
  summary: z.object({
    total_requests: count,
    successful_requests: count,
    failed_requests: count,
    total_tokens: count,
    total_cost_usd: usd,
    avg_tokens_per_request: count,
    unpriced_requests: count,
  }),
  recent_requests: z.array(
    z.object({
      id: z.string(),
      request_id: z.string(),
      customer_id: z.number().int().nullable(),
      customer_name: z.string().nullable(),
      request_type: z.string(),
      model_used: z.string(),
      provider: z.string().nullable(),
      input_tokens: count,
      output_tokens: count,
      cache_write_tokens: count,
      cache_read_tokens: count,
      total_tokens: count,
      /** Null when the model had no price. */
      cost: usd.nullable(),
      latency_ms: count.nullable(),
      status: z.enum(["success", "error"]),
      error_message: z.string().nullable(),
      created_at: timestamp,
    }),
  ),
  daily_usage: z.array(z.object({ date: reportDate, requests: count, tokens: count, cost: usd })),
});
export type UserUsage = z.infer<typeof UserUsageSchema>;
