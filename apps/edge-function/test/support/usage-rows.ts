import type pg from "pg";

/** An ai_usage_log row as the tests compare it (numerics as strings, exactly as PostgreSQL prints them). */
export interface UsageRow {
  request_id: string;
  user_id: string;
  user_email: string | null;
  customer_id: number | null;
  customer_name: string | null;
  request_type: string;
  session_id: string | null;
  provider: string;
  model_used: string;
  input_tokens: number;
  output_tokens: number;
  cache_write_5m_tokens: number;
  cache_write_1h_tokens: number;
  cache_read_tokens: number;
  total_tokens: string;
  total_cost_usd: string | null;
  latency_ms: number | null;
  status: string;
  error_message: string | null;
}

export async function usageRows(pool: pg.Pool, userId: string): Promise<UsageRow[]> {
  const result = await pool.query<UsageRow>(
    `select request_id, user_id, user_email, customer_id, customer_name, request_type, session_id, provider,
            model_used, input_tokens, output_tokens, cache_write_5m_tokens, cache_write_1h_tokens,
            cache_read_tokens, total_tokens::text, total_cost_usd::text, latency_ms, status, error_message
       from ai_usage_log where user_id = $1 order by created_at, request_id`,
    [userId],
  );
  return result.rows;
}

/** Rows written after the response (waitUntil): polls until `count` rows exist or the time is up. */
export async function waitForUsageRows(
  pool: pg.Pool,
  userId: string,
  count: number,
  timeoutMs = 15_000,
): Promise<UsageRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await usageRows(pool, userId);
    if (rows.length >= count || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
