/**
 * get_ai_usage_dashboard($1 = p_days) recomputed the spec's way: one plain query per figure over
 * the raw ai_usage_log, with the contract's corrections (whole days in the reporting time zone,
 * zero-filled daily trend, cache buckets, priced rows only in costs, documented rounding). Evaluate
 * it in the same statement as the report so both see the same now().
 */
const WINDOW = `
  w AS (SELECT $1::integer AS days,
               (now() AT TIME ZONE s.reporting_time_zone)::date - ($1::integer - 1) AS start_date,
               (now() AT TIME ZONE s.reporting_time_zone)::date AS end_date,
               s.reporting_time_zone AS tz
        FROM ai_usage_settings s),
  win AS (SELECT l.* FROM ai_usage_log l, w
          WHERE l.created_at >= w.start_date::timestamp AT TIME ZONE w.tz
            AND l.created_at < (w.end_date + 1)::timestamp AT TIME ZONE w.tz),
  months AS (SELECT date_trunc('month', w.end_date)::timestamp AT TIME ZONE w.tz AS this_month,
                    (date_trunc('month', w.end_date) - interval '1 month')::timestamp AT TIME ZONE w.tz AS last_month,
                    (w.end_date + 1)::timestamp AT TIME ZONE w.tz AS tomorrow
             FROM w)`;

export const DASHBOARD_ORACLE_SQL = `
WITH ${WINDOW}
SELECT jsonb_build_object(
  'period', (SELECT jsonb_build_object('days', days, 'start_date', start_date, 'end_date', end_date, 'time_zone', tz) FROM w),
  'summary', jsonb_build_object(
    'total_requests', (SELECT count(*) FROM win),
    'successful_requests', (SELECT count(*) FROM win WHERE status = 'success'),
    'failed_requests', (SELECT count(*) FROM win WHERE status = 'error'),
    'total_input_tokens', (SELECT coalesce(sum(input_tokens), 0) FROM win),
    'total_output_tokens', (SELECT coalesce(sum(output_tokens), 0) FROM win),
    'total_cache_write_tokens', (SELECT coalesce(sum(cache_write_5m_tokens + cache_write_1h_tokens), 0) FROM win),
    'total_cache_read_tokens', (SELECT coalesce(sum(cache_read_tokens), 0) FROM win),
    'total_tokens', (SELECT coalesce(sum(total_tokens), 0) FROM win),
    'total_cost_usd', (SELECT round(coalesce(sum(total_cost_usd), 0), 2) FROM win),
    'avg_tokens_per_request', (SELECT coalesce(avg(total_tokens), 0)::integer FROM win WHERE status = 'success'),
    'avg_cost_per_request', (SELECT round(coalesce(avg(total_cost_usd), 0), 4) FROM win WHERE status = 'success'),
    'avg_latency_ms', (SELECT coalesce(avg(latency_ms), 0)::integer FROM win WHERE status = 'success' AND latency_ms IS NOT NULL),
    'unpriced_requests', (SELECT count(*) FROM win WHERE total_cost_usd IS NULL),
    'unique_users', (SELECT count(DISTINCT user_id) FROM win)),
  'costs', jsonb_build_object(
    'input_cost_usd', (SELECT round(coalesce(sum(input_cost_usd), 0), 2) FROM win),
    'output_cost_usd', (SELECT round(coalesce(sum(output_cost_usd), 0), 2) FROM win),
    'cache_write_cost_usd', (SELECT round(coalesce(sum(cache_write_cost_usd), 0), 2) FROM win),
    'cache_read_cost_usd', (SELECT round(coalesce(sum(cache_read_cost_usd), 0), 2) FROM win),
    'total_cost_usd', (SELECT round(coalesce(sum(total_cost_usd), 0), 2) FROM win),
    'cost_per_1k_tokens', (SELECT CASE WHEN coalesce(sum(total_tokens), 0) > 0
                                       THEN round(coalesce(sum(total_cost_usd), 0) / sum(total_tokens) * 1000, 4) ELSE 0 END FROM win),
    'cache_savings_usd', (SELECT round(coalesce(sum(cache_read_tokens * (input_price_per_mtok - cache_read_price_per_mtok) / 1000000), 0), 2) FROM win)),
  'by_user', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'sort_cost' ORDER BY t.sort_cost DESC, t.user_id), '[]') FROM (
    SELECT user_id,
           coalesce((array_agg(user_email ORDER BY created_at DESC) FILTER (WHERE user_email IS NOT NULL))[1], 'Unknown') AS user_email,
           count(*) AS request_count, sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
           sum(cache_write_5m_tokens + cache_write_1h_tokens) AS cache_write_tokens, sum(cache_read_tokens) AS cache_read_tokens,
           sum(total_tokens) AS total_tokens, round(coalesce(sum(total_cost_usd), 0), 4) AS total_cost,
           round(coalesce(avg(total_cost_usd), 0), 6) AS avg_cost_per_request, max(created_at) AS last_request,
           coalesce(sum(total_cost_usd), 0) AS sort_cost
    FROM win GROUP BY user_id ORDER BY sort_cost DESC, user_id LIMIT 25) t),
  'by_customer', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'sort_cost' ORDER BY t.sort_cost DESC, t.customer_id), '[]') FROM (
    SELECT customer_id,
           coalesce((array_agg(customer_name ORDER BY created_at DESC) FILTER (WHERE customer_name IS NOT NULL))[1], 'Unknown') AS customer_name,
           count(*) AS request_count, sum(total_tokens) AS total_tokens, round(coalesce(sum(total_cost_usd), 0), 4) AS total_cost,
           count(DISTINCT user_id) AS unique_users, coalesce(sum(total_cost_usd), 0) AS sort_cost
    FROM win WHERE customer_id IS NOT NULL GROUP BY customer_id ORDER BY sort_cost DESC, customer_id LIMIT 25) t),
  'daily_trend', (SELECT jsonb_agg(jsonb_build_object(
      'date', d::date,
      'requests', (SELECT count(*) FROM win WHERE (created_at AT TIME ZONE w.tz)::date = d::date),
      'tokens', (SELECT coalesce(sum(total_tokens), 0) FROM win WHERE (created_at AT TIME ZONE w.tz)::date = d::date),
      'cost', (SELECT round(coalesce(sum(total_cost_usd), 0), 4) FROM win WHERE (created_at AT TIME ZONE w.tz)::date = d::date),
      'unique_users', (SELECT count(DISTINCT user_id) FROM win WHERE (created_at AT TIME ZONE w.tz)::date = d::date))
      ORDER BY d)
    FROM w, generate_series(w.start_date, w.end_date, interval '1 day') d),
  'by_request_type', (SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY t.count DESC, t.request_type), '[]') FROM (
    SELECT request_type, count(*) AS count, sum(total_tokens) AS tokens, round(coalesce(sum(total_cost_usd), 0), 4) AS cost,
           avg(latency_ms)::integer AS avg_latency
    FROM win GROUP BY request_type) t),
  'by_model', (SELECT coalesce(jsonb_agg(to_jsonb(t) - 'sort_cost' ORDER BY t.sort_cost DESC, t.provider, t.model_used), '[]') FROM (
    SELECT provider, model_used, count(*) AS requests, sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
           sum(cache_write_5m_tokens + cache_write_1h_tokens) AS cache_write_tokens, sum(cache_read_tokens) AS cache_read_tokens,
           sum(total_tokens) AS total_tokens, round(coalesce(sum(total_cost_usd), 0), 4) AS cost,
           count(*) FILTER (WHERE total_cost_usd IS NULL) AS unpriced_requests, coalesce(sum(total_cost_usd), 0) AS sort_cost
    FROM win GROUP BY provider, model_used) t),
  'unpriced_models', (SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY t.requests DESC, t.provider, t.model_used), '[]') FROM (
    SELECT provider, model_used, count(*) AS requests, sum(total_tokens) AS total_tokens, max(created_at) AS last_request
    FROM win WHERE total_cost_usd IS NULL GROUP BY provider, model_used) t),
  'current_month', (SELECT jsonb_build_object('requests', count(*), 'tokens', coalesce(sum(total_tokens), 0),
                                              'cost_usd', round(coalesce(sum(total_cost_usd), 0), 2))
                    FROM ai_usage_log, months WHERE created_at >= this_month AND created_at < tomorrow),
  'previous_month', (SELECT jsonb_build_object('requests', count(*), 'tokens', coalesce(sum(total_tokens), 0),
                                               'cost_usd', round(coalesce(sum(total_cost_usd), 0), 2))
                     FROM ai_usage_log, months WHERE created_at >= last_month AND created_at < this_month)
)`;

/** The same as of the day $2 (the window [$2 - ($1 - 1), $2]), for _ai_usage_dashboard(p_days, p_today). */
export const DASHBOARD_AS_OF_ORACLE_SQL = DASHBOARD_ORACLE_SQL.replaceAll(
  "(now() AT TIME ZONE s.reporting_time_zone)::date",
  "$2::date",
);
