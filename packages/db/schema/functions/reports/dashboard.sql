-- The dashboard's body. p_today: the window's last day, NULL for today. Only `pnpm bench:mid-month`
-- passes one, to time a window ending mid-month on a copy of the benchmark's data cut at that day:
-- the cost of a 30-day window depends on where in the month it starts.
CREATE FUNCTION ai_usage_private._ai_usage_dashboard(p_days integer, p_today date) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
DECLARE
    w record;
    v_month date;
    v_result jsonb;
BEGIN
    SELECT * INTO w FROM ai_usage_private._ai_usage_window(p_days);
    IF p_today IS NOT NULL THEN
        w.start_date := p_today - (p_days - 1);
        w.end_date := p_today;
    END IF;
    v_month := date_trunc('month', w.end_date)::date;

    -- One pass over the window's day x request type x model rows; the totals and the by-type,
    -- by-model and unpriced breakdowns are all re-aggregated from its few dozen rows.
    WITH model_totals AS (
        SELECT m.request_type, m.provider, m.model_used,
               sum(m.requests) AS requests,
               sum(m.successful_requests) AS successful_requests,
               sum(m.failed_requests) AS failed_requests,
               sum(m.unpriced_requests) AS unpriced_requests,
               sum(m.priced_successful_requests) AS priced_successful_requests,
               sum(m.input_tokens) AS input_tokens,
               sum(m.output_tokens) AS output_tokens,
               sum(m.cache_write_5m_tokens + m.cache_write_1h_tokens) AS cache_write_tokens,
               sum(m.cache_read_tokens) AS cache_read_tokens,
               sum(m.total_tokens) AS total_tokens,
               sum(m.successful_tokens) AS successful_tokens,
               sum(m.unpriced_tokens) AS unpriced_tokens,
               sum(m.input_cost_usd) AS input_cost_usd,
               sum(m.output_cost_usd) AS output_cost_usd,
               sum(m.cache_write_cost_usd) AS cache_write_cost_usd,
               sum(m.cache_read_cost_usd) AS cache_read_cost_usd,
               sum(m.total_cost_usd) AS total_cost_usd,
               sum(m.successful_cost_usd) AS successful_cost_usd,
               sum(m.cache_savings_usd) AS cache_savings_usd,
               sum(m.latency_ms_sum) AS latency_ms_sum,
               sum(m.latency_count) AS latency_count,
               sum(m.successful_latency_ms_sum) AS successful_latency_ms_sum,
               sum(m.successful_latency_count) AS successful_latency_count
        FROM public.ai_usage_daily_by_model m
        WHERE m.usage_date BETWEEN w.start_date AND w.end_date
        GROUP BY m.request_type, m.provider, m.model_used
    ), totals AS (
        SELECT coalesce(sum(requests), 0) AS requests,
               coalesce(sum(successful_requests), 0) AS successful_requests,
               coalesce(sum(failed_requests), 0) AS failed_requests,
               coalesce(sum(unpriced_requests), 0) AS unpriced_requests,
               coalesce(sum(priced_successful_requests), 0) AS priced_successful_requests,
               coalesce(sum(input_tokens), 0) AS input_tokens,
               coalesce(sum(output_tokens), 0) AS output_tokens,
               coalesce(sum(cache_write_tokens), 0) AS cache_write_tokens,
               coalesce(sum(cache_read_tokens), 0) AS cache_read_tokens,
               coalesce(sum(total_tokens), 0) AS total_tokens,
               coalesce(sum(successful_tokens), 0) AS successful_tokens,
               coalesce(sum(input_cost_usd), 0) AS input_cost_usd,
               coalesce(sum(output_cost_usd), 0) AS output_cost_usd,
               coalesce(sum(cache_write_cost_usd), 0) AS cache_write_cost_usd,
               coalesce(sum(cache_read_cost_usd), 0) AS cache_read_cost_usd,
               coalesce(sum(total_cost_usd), 0) AS total_cost_usd,
               coalesce(sum(successful_cost_usd), 0) AS successful_cost_usd,
               coalesce(sum(cache_savings_usd), 0) AS cache_savings_usd,
               coalesce(sum(successful_latency_ms_sum), 0) AS successful_latency_ms_sum,
               coalesce(sum(successful_latency_count), 0) AS successful_latency_count
        FROM model_totals
    -- Users and customers are ranked by the window's signed summary rows, pruned to those who can
    -- still make the top 25 (see _ai_usage_top_users). The latest request and the e-mail address
    -- (the newest one any request carried) come from each top user's latest day rows in the window,
    -- by index: a month row may also hold requests from outside it.
    ), top_users AS (
        SELECT * FROM ai_usage_private._ai_usage_top_users(w.start_date, w.end_date, 25)
    ), users AS (
        SELECT t.*, t.requests - t.unpriced_requests AS priced_requests, latest.last_request, named.user_email
        FROM top_users t
        CROSS JOIN LATERAL (
            SELECT d.last_request_at AS last_request FROM public.ai_usage_daily_by_user d
            WHERE d.user_id = t.user_id AND d.usage_date BETWEEN w.start_date AND w.end_date
            ORDER BY d.usage_date DESC LIMIT 1) latest
        LEFT JOIN LATERAL (
            SELECT d.user_email FROM public.ai_usage_daily_by_user d
            WHERE d.user_id = t.user_id AND d.usage_date BETWEEN w.start_date AND w.end_date AND d.user_email IS NOT NULL
            ORDER BY d.usage_date DESC LIMIT 1) named ON true  -- one row per user and day
    ), customers AS (
        SELECT t.*, named.customer_name
        FROM ai_usage_private._ai_usage_top_customers(w.start_date, w.end_date, 25) t
        LEFT JOIN LATERAL (
            SELECT d.customer_name FROM public.ai_usage_daily_by_customer d
            WHERE d.customer_id = t.customer_id AND d.usage_date BETWEEN w.start_date AND w.end_date
              AND d.customer_name IS NOT NULL
            ORDER BY d.usage_date DESC, d.customer_name_at DESC, d.customer_name DESC LIMIT 1) named ON true
    ), days AS (
        SELECT d::date AS usage_date FROM generate_series(w.start_date, w.end_date, interval '1 day') d
    ), day_totals AS (
        SELECT m.usage_date, sum(m.requests) AS requests, sum(m.total_tokens) AS tokens, sum(m.total_cost_usd) AS cost
        FROM public.ai_usage_daily_by_model m WHERE m.usage_date BETWEEN w.start_date AND w.end_date
        GROUP BY m.usage_date
    ), day_users AS (
        -- Maintained with the summaries: 365 rows for a year, not a count over 365,000 user-days.
        SELECT a.usage_date, a.active_users AS unique_users
        FROM public.ai_usage_daily_active_users a WHERE a.usage_date BETWEEN w.start_date AND w.end_date
    ), month_totals AS (
        SELECT (m.usage_date >= v_month) AS is_current,
               sum(m.requests) AS requests, sum(m.total_tokens) AS tokens, sum(m.total_cost_usd) AS cost
        FROM public.ai_usage_daily_by_model m
        WHERE m.usage_date >= (v_month - interval '1 month')::date AND m.usage_date <= w.end_date
        GROUP BY 1
    )
    SELECT jsonb_build_object(
        'period', jsonb_build_object('days', p_days, 'start_date', w.start_date, 'end_date', w.end_date, 'time_zone', w.time_zone),
        'summary', (SELECT jsonb_build_object(
            'total_requests', t.requests,
            'successful_requests', t.successful_requests,
            'failed_requests', t.failed_requests,
            'total_input_tokens', t.input_tokens,
            'total_output_tokens', t.output_tokens,
            'total_cache_write_tokens', t.cache_write_tokens,
            'total_cache_read_tokens', t.cache_read_tokens,
            'total_tokens', t.total_tokens,
            'total_cost_usd', round(t.total_cost_usd, 2),
            'avg_tokens_per_request', CASE WHEN t.successful_requests > 0 THEN (t.successful_tokens::numeric / t.successful_requests)::integer ELSE 0 END,
            'avg_cost_per_request', CASE WHEN t.priced_successful_requests > 0 THEN round(t.successful_cost_usd / t.priced_successful_requests, 4) ELSE 0 END,
            'avg_latency_ms', CASE WHEN t.successful_latency_count > 0 THEN (t.successful_latency_ms_sum::numeric / t.successful_latency_count)::integer ELSE 0 END,
            'unpriced_requests', t.unpriced_requests,
            'unique_users', coalesce((SELECT max(u.active_users) FROM top_users u), 0))
            FROM totals t),
        'costs', (SELECT jsonb_build_object(
            'input_cost_usd', round(t.input_cost_usd, 2),
            'output_cost_usd', round(t.output_cost_usd, 2),
            'cache_write_cost_usd', round(t.cache_write_cost_usd, 2),
            'cache_read_cost_usd', round(t.cache_read_cost_usd, 2),
            'total_cost_usd', round(t.total_cost_usd, 2),
            'cost_per_1k_tokens', CASE WHEN t.total_tokens > 0 THEN round(t.total_cost_usd / t.total_tokens * 1000, 4) ELSE 0 END,
            'cache_savings_usd', round(t.cache_savings_usd, 2))
            FROM totals t),
        'by_user', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'user_id', u.user_id,
                'user_email', coalesce(u.user_email, 'Unknown'),
                'request_count', u.requests,
                'input_tokens', u.input_tokens,
                'output_tokens', u.output_tokens,
                'cache_write_tokens', u.cache_write_tokens,
                'cache_read_tokens', u.cache_read_tokens,
                'total_tokens', u.total_tokens,
                'total_cost', round(u.total_cost_usd, 4),
                'avg_cost_per_request', CASE WHEN u.priced_requests > 0 THEN round(u.total_cost_usd / u.priced_requests, 6) ELSE 0 END,
                'last_request', u.last_request) ORDER BY u.total_cost_usd DESC, u.user_id), '[]'::jsonb)
            FROM users u),
        'by_customer', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'customer_id', c.customer_id,
                'customer_name', coalesce(c.customer_name, 'Unknown'),
                'request_count', c.requests,
                'total_tokens', c.total_tokens,
                'total_cost', round(c.total_cost_usd, 4),
                'unique_users', c.unique_users) ORDER BY c.total_cost_usd DESC, c.customer_id), '[]'::jsonb)
            FROM customers c),
        'daily_trend', (SELECT jsonb_agg(jsonb_build_object(
                'date', d.usage_date,
                'requests', coalesce(dt.requests, 0),
                'tokens', coalesce(dt.tokens, 0),
                'cost', round(coalesce(dt.cost, 0), 4),
                'unique_users', coalesce(du.unique_users, 0)) ORDER BY d.usage_date)
            FROM days d LEFT JOIN day_totals dt USING (usage_date) LEFT JOIN day_users du USING (usage_date)),
        'by_request_type', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'request_type', x.request_type,
                'count', x.requests,
                'tokens', x.tokens,
                'cost', round(x.cost, 4),
                'avg_latency', CASE WHEN x.latency_count > 0 THEN (x.latency_sum::numeric / x.latency_count)::integer END)
                ORDER BY x.requests DESC, x.request_type), '[]'::jsonb)
            FROM (SELECT m.request_type, sum(m.requests) AS requests, sum(m.total_tokens) AS tokens,
                         sum(m.total_cost_usd) AS cost, sum(m.latency_ms_sum) AS latency_sum, sum(m.latency_count) AS latency_count
                  FROM model_totals m GROUP BY m.request_type) x),
        'by_model', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'provider', x.provider,
                'model_used', x.model_used,
                'requests', x.requests,
                'input_tokens', x.input_tokens,
                'output_tokens', x.output_tokens,
                'cache_write_tokens', x.cache_write_tokens,
                'cache_read_tokens', x.cache_read_tokens,
                'total_tokens', x.total_tokens,
                'cost', round(x.cost, 4),
                'unpriced_requests', x.unpriced_requests) ORDER BY x.cost DESC, x.provider, x.model_used), '[]'::jsonb)
            FROM (SELECT m.provider, m.model_used, sum(m.requests) AS requests, sum(m.input_tokens) AS input_tokens,
                         sum(m.output_tokens) AS output_tokens, sum(m.cache_write_tokens) AS cache_write_tokens,
                         sum(m.cache_read_tokens) AS cache_read_tokens, sum(m.total_tokens) AS total_tokens,
                         sum(m.total_cost_usd) AS cost, sum(m.unpriced_requests) AS unpriced_requests
                  FROM model_totals m GROUP BY m.provider, m.model_used) x),
        'unpriced_models', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'provider', x.provider,
                'model_used', x.model_used,
                'requests', x.requests,
                'total_tokens', x.total_tokens,
                -- A day row mixes priced and unpriced requests once a model gets a price mid-day,
                -- so the latest unpriced request comes from the log, by a partial index of them.
                'last_request', (SELECT max(l.created_at) FROM public.ai_usage_log l
                                 WHERE l.model_used = x.model_used AND l.provider = x.provider
                                   AND l.total_cost_usd IS NULL
                                   AND l.created_at >= (w.start_date::timestamp AT TIME ZONE w.time_zone)
                                   AND l.created_at < ((w.end_date + 1)::timestamp AT TIME ZONE w.time_zone)))
                ORDER BY x.requests DESC, x.provider, x.model_used), '[]'::jsonb)
            FROM (SELECT m.provider, m.model_used, sum(m.unpriced_requests) AS requests,
                         sum(m.unpriced_tokens) AS total_tokens
                  FROM model_totals m WHERE m.unpriced_requests > 0 GROUP BY m.provider, m.model_used) x),
        'current_month', (SELECT jsonb_build_object(
                'requests', coalesce(sum(x.requests), 0), 'tokens', coalesce(sum(x.tokens), 0),
                'cost_usd', round(coalesce(sum(x.cost), 0), 2))
            FROM month_totals x WHERE x.is_current),
        'previous_month', (SELECT jsonb_build_object(
                'requests', coalesce(sum(x.requests), 0), 'tokens', coalesce(sum(x.tokens), 0),
                'cost_usd', round(coalesce(sum(x.cost), 0), 2))
            FROM month_totals x WHERE NOT x.is_current)
    ) INTO v_result;
    RETURN v_result;
END;
$$;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_dashboard(p_days integer, p_today date) FROM PUBLIC, anon, authenticated, service_role;
