/**
 * get_user_ai_usage($1 = user, $2 = p_days) and get_ai_cost_summary() recomputed the spec's way:
 * plain queries over the raw ai_usage_log, with the contract's whole days in the reporting time
 * zone, zero-filled series and rounding. Evaluate them in the same statement as the report (one
 * now()).
 */
export const USER_REPORT_ORACLE_SQL = `
WITH w AS (SELECT $2::integer AS days,
                  (now() AT TIME ZONE s.reporting_time_zone)::date - ($2::integer - 1) AS start_date,
                  (now() AT TIME ZONE s.reporting_time_zone)::date AS end_date,
                  s.reporting_time_zone AS tz
           FROM ai_usage_settings s),
mine AS (SELECT l.* FROM ai_usage_log l, w
         WHERE l.user_id = $1
           AND l.created_at >= w.start_date::timestamp AT TIME ZONE w.tz
           AND l.created_at < (w.end_date + 1)::timestamp AT TIME ZONE w.tz)
SELECT jsonb_build_object(
  'period', (SELECT jsonb_build_object('days', days, 'start_date', start_date, 'end_date', end_date, 'time_zone', tz) FROM w),
  'summary', jsonb_build_object(
    'total_requests', (SELECT count(*) FROM mine),
    'successful_requests', (SELECT count(*) FROM mine WHERE status = 'success'),
    'failed_requests', (SELECT count(*) FROM mine WHERE status = 'error'),
    'total_tokens', (SELECT coalesce(sum(total_tokens), 0) FROM mine),
    'total_cost_usd', (SELECT round(coalesce(sum(total_cost_usd), 0), 4) FROM mine),
    'avg_tokens_per_request', (SELECT coalesce(avg(total_tokens), 0)::integer FROM mine WHERE status = 'success'),
    'unpriced_requests', (SELECT count(*) FROM mine WHERE total_cost_usd IS NULL)),
  'recent_requests', (SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY t.created_at DESC, t.id), '[]') FROM (
    SELECT id, request_id, customer_id, customer_name, request_type, model_used, provider, input_tokens, output_tokens,
           cache_write_5m_tokens + cache_write_1h_tokens AS cache_write_tokens, cache_read_tokens, total_tokens,
           round(total_cost_usd, 6) AS cost, latency_ms, status, error_message, created_at
    FROM mine ORDER BY created_at DESC, id LIMIT 50) t),
  'daily_usage', (SELECT jsonb_agg(jsonb_build_object(
      'date', d::date,
      'requests', (SELECT count(*) FROM mine WHERE (created_at AT TIME ZONE w.tz)::date = d::date),
      'tokens', (SELECT coalesce(sum(total_tokens), 0) FROM mine WHERE (created_at AT TIME ZONE w.tz)::date = d::date),
      'cost', (SELECT round(coalesce(sum(total_cost_usd), 0), 4) FROM mine WHERE (created_at AT TIME ZONE w.tz)::date = d::date))
      ORDER BY d)
    FROM w, generate_series(w.start_date, w.end_date, interval '1 day') d)
)`;

export const COST_SUMMARY_ORACLE_SQL = `
WITH t AS (SELECT (now() AT TIME ZONE reporting_time_zone)::date AS today, reporting_time_zone AS tz FROM ai_usage_settings),
b AS (SELECT today::timestamp AT TIME ZONE tz AS today_start,
             (today - 1)::timestamp AT TIME ZONE tz AS yesterday_start,
             (today + 1)::timestamp AT TIME ZONE tz AS tomorrow_start,
             -- ISO weeks start on Monday: isodow 1 = Monday.
             (today - (extract(isodow FROM today)::integer - 1))::timestamp AT TIME ZONE tz AS week_start,
             date_trunc('month', today)::timestamp AT TIME ZONE tz AS month_start,
             (date_trunc('month', today) - interval '1 month')::timestamp AT TIME ZONE tz AS last_month_start
      FROM t)
SELECT jsonb_build_object(
  'today', (SELECT round(coalesce(sum(total_cost_usd), 0), 2) FROM ai_usage_log, b WHERE created_at >= today_start AND created_at < tomorrow_start),
  'yesterday', (SELECT round(coalesce(sum(total_cost_usd), 0), 2) FROM ai_usage_log, b WHERE created_at >= yesterday_start AND created_at < today_start),
  'this_week', (SELECT round(coalesce(sum(total_cost_usd), 0), 2) FROM ai_usage_log, b WHERE created_at >= week_start AND created_at < tomorrow_start),
  'this_month', (SELECT round(coalesce(sum(total_cost_usd), 0), 2) FROM ai_usage_log, b WHERE created_at >= month_start AND created_at < tomorrow_start),
  'last_month', (SELECT round(coalesce(sum(total_cost_usd), 0), 2) FROM ai_usage_log, b WHERE created_at >= last_month_start AND created_at < month_start),
  'all_time', (SELECT round(coalesce(sum(total_cost_usd), 0), 2) FROM ai_usage_log),
  'requests_today', (SELECT count(*) FROM ai_usage_log, b WHERE created_at >= today_start AND created_at < tomorrow_start),
  'requests_this_month', (SELECT count(*) FROM ai_usage_log, b WHERE created_at >= month_start AND created_at < tomorrow_start),
  'unpriced_requests_this_month', (SELECT count(*) FROM ai_usage_log, b
                                   WHERE created_at >= month_start AND created_at < tomorrow_start AND total_cost_usd IS NULL),
  'time_zone', (SELECT tz FROM t)
)`;
