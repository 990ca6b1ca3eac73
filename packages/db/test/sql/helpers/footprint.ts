import type pg from "pg";

/**
 * Everything the database holds for one user and one request type: log rows and every summary
 * row, with their counts and token/cost sums. Equal footprints before and after a failed call prove
 * that the call wrote nothing, not even half of a batch.
 */
export async function footprint(client: pg.Client, userId: string, requestType: string): Promise<unknown> {
  const { rows } = await client.query(
    `SELECT
       (SELECT json_build_object('rows', count(*), 'tokens', sum(total_tokens), 'cost', sum(total_cost_usd))
        FROM ai_usage_log WHERE user_id = $1) AS log,
       (SELECT json_agg(t ORDER BY t) FROM (SELECT usage_date, requests, total_tokens, total_cost_usd
        FROM ai_usage_daily_by_model WHERE request_type = $2) t) AS by_model,
       (SELECT json_agg(t ORDER BY t) FROM (SELECT usage_date, requests, total_tokens, total_cost_usd
        FROM ai_usage_daily_by_user WHERE user_id = $1) t) AS by_user,
       (SELECT json_agg(t ORDER BY t) FROM (SELECT usage_date, customer_id, requests, total_tokens, total_cost_usd
        FROM ai_usage_daily_by_customer WHERE user_id = $1) t) AS by_customer,
       (SELECT json_agg(t ORDER BY t) FROM (SELECT month, requests, total_tokens, total_cost_usd
        FROM ai_usage_summary WHERE user_id = $1) t) AS monthly,
       (SELECT json_agg(t ORDER BY t) FROM (SELECT month, customer_id, requests, total_tokens, total_cost_usd
        FROM ai_usage_monthly_by_customer WHERE user_id = $1) t) AS monthly_by_customer`,
    [userId, requestType],
  );
  return rows[0];
}
