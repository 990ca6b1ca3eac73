CREATE FUNCTION public.get_user_ai_usage(p_user_id uuid, p_days integer DEFAULT 30) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
DECLARE
    w record;
    v_result jsonb;
BEGIN
    IF p_user_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'p_user_id is required';
    END IF;
    IF p_user_id IS DISTINCT FROM auth.uid()
       AND NOT (ai_usage_private._ai_usage_caller_is_server() OR public.is_ai_usage_admin()) THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = 'permission denied: a user may read only their own AI usage',
            HINT = 'Admins may read anyone''s usage.';
    END IF;
    SELECT * INTO w FROM ai_usage_private._ai_usage_window(p_days);

    WITH day_rows AS (
        SELECT * FROM public.ai_usage_daily_by_user d
        WHERE d.user_id = p_user_id AND d.usage_date BETWEEN w.start_date AND w.end_date
    ), days AS (
        SELECT d::date AS usage_date FROM generate_series(w.start_date, w.end_date, interval '1 day') d
    )
    SELECT jsonb_build_object(
        'period', jsonb_build_object('days', p_days, 'start_date', w.start_date, 'end_date', w.end_date, 'time_zone', w.time_zone),
        'summary', (SELECT jsonb_build_object(
                'total_requests', coalesce(sum(r.requests), 0),
                'successful_requests', coalesce(sum(r.successful_requests), 0),
                'failed_requests', coalesce(sum(r.failed_requests), 0),
                'total_tokens', coalesce(sum(r.total_tokens), 0),
                'total_cost_usd', round(coalesce(sum(r.total_cost_usd), 0), 4),
                'avg_tokens_per_request', CASE WHEN sum(r.successful_requests) > 0
                    THEN (sum(r.successful_tokens)::numeric / sum(r.successful_requests))::integer ELSE 0 END,
                'unpriced_requests', coalesce(sum(r.unpriced_requests), 0))
            FROM day_rows r),
        'recent_requests', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'id', l.id,
                'request_id', l.request_id,
                'customer_id', l.customer_id,
                'customer_name', l.customer_name,
                'request_type', l.request_type,
                'model_used', l.model_used,
                'provider', l.provider,
                'input_tokens', l.input_tokens,
                'output_tokens', l.output_tokens,
                'cache_write_tokens', l.cache_write_5m_tokens + l.cache_write_1h_tokens,
                'cache_read_tokens', l.cache_read_tokens,
                'total_tokens', l.total_tokens,
                'cost', round(l.total_cost_usd, 6),
                'latency_ms', l.latency_ms,
                'status', l.status,
                'error_message', l.error_message,
                'created_at', l.created_at) ORDER BY l.created_at DESC, l.id), '[]'::jsonb)
            FROM (SELECT * FROM public.ai_usage_log x
                  WHERE x.user_id = p_user_id
                    AND x.created_at >= (w.start_date::timestamp AT TIME ZONE w.time_zone)
                    AND x.created_at < ((w.end_date + 1)::timestamp AT TIME ZONE w.time_zone)
                  ORDER BY x.created_at DESC, x.id LIMIT 50) l),
        'daily_usage', (SELECT jsonb_agg(jsonb_build_object(
                'date', d.usage_date,
                'requests', coalesce(r.requests, 0),
                'tokens', coalesce(r.total_tokens, 0),
                'cost', round(coalesce(r.total_cost_usd, 0), 4)) ORDER BY d.usage_date)
            FROM days d LEFT JOIN day_rows r USING (usage_date))
    ) INTO v_result;
    RETURN v_result;
END;
$$;

COMMENT ON FUNCTION public.get_user_ai_usage(p_user_id uuid, p_days integer) IS 'One user''s usage for the last p_days whole days: summary, recent_requests (newest 50), daily_usage (every day), period. The user themself, admins and the server only (42501 otherwise).';

REVOKE ALL ON FUNCTION public.get_user_ai_usage(p_user_id uuid, p_days integer) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.get_user_ai_usage(p_user_id uuid, p_days integer) TO authenticated;
GRANT ALL ON FUNCTION public.get_user_ai_usage(p_user_id uuid, p_days integer) TO service_role;
