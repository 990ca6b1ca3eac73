import type { Queryable } from "./budget-sql.js";

/** A finished request's usage, logged with the hold it settles. */
export interface SettlingUsage {
  readonly requestId: string;
  readonly userId: string;
  readonly customerId: number | null;
  readonly model: string;
  readonly inputTokens: number;
  readonly cacheWrite5mTokens: number;
  readonly cacheWrite1hTokens: number;
  readonly cacheReadTokens: number;
  readonly outputTokens: number;
  readonly holdId: string;
}

/** The two ways an app logs usage; both must settle the hold in the same transaction. */
export type SettlePath = "log_ai_usage" | "log_ai_usage_batch";

export async function settleUsage(db: Queryable, path: SettlePath, usage: SettlingUsage): Promise<void> {
  if (path === "log_ai_usage") {
    await db.query(
      `SELECT public.log_ai_usage(p_user_id => $1::uuid, p_customer_id => $2::integer, p_model_used => $3,
         p_provider => 'anthropic', p_input_tokens => $4::integer, p_cache_write_5m_tokens => $5::integer,
         p_cache_write_1h_tokens => $6::integer, p_cache_read_tokens => $7::integer,
         p_output_tokens => $8::integer, p_request_id => $9, p_request_type => 'budget-proof',
         p_budget_hold_id => $10::uuid)`,
      [
        usage.userId,
        usage.customerId,
        usage.model,
        usage.inputTokens,
        usage.cacheWrite5mTokens,
        usage.cacheWrite1hTokens,
        usage.cacheReadTokens,
        usage.outputTokens,
        usage.requestId,
        usage.holdId,
      ],
    );
    return;
  }
  const event = {
    user_id: usage.userId,
    customer_id: usage.customerId,
    model_used: usage.model,
    provider: "anthropic",
    input_tokens: usage.inputTokens,
    cache_write_5m_tokens: usage.cacheWrite5mTokens,
    cache_write_1h_tokens: usage.cacheWrite1hTokens,
    cache_read_tokens: usage.cacheReadTokens,
    output_tokens: usage.outputTokens,
    request_id: usage.requestId,
    request_type: "budget-proof",
    budget_hold_id: usage.holdId,
  };
  await db.query("SELECT count(*) FROM public.log_ai_usage_batch(p_events => $1::jsonb)", [
    JSON.stringify([event]),
  ]);
}
