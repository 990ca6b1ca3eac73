CREATE FUNCTION public.get_ai_cost_summary() RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    SET jit TO 'off'
    AS $$
DECLARE
    v_tz text := ai_usage_private.ai_usage_reporting_time_zone();
    v_today date := (now() AT TIME ZONE v_tz)::date;
    v_week date := date_trunc('week', v_today)::date;       -- ISO weeks start on Monday
    v_month date := date_trunc('month', v_today)::date;
    v_last_month date := (date_trunc('month', v_today) - interval '1 month')::date;
    v_result jsonb;
BEGIN
    PERFORM ai_usage_private._ai_usage_require_admin('get_ai_cost_summary');
    SELECT jsonb_build_object(
        'today', round(coalesce(sum(m.total_cost_usd) FILTER (WHERE m.usage_date = v_today), 0), 2),
        'yesterday', round(coalesce(sum(m.total_cost_usd) FILTER (WHERE m.usage_date = v_today - 1), 0), 2),
        'this_week', round(coalesce(sum(m.total_cost_usd) FILTER (WHERE m.usage_date >= v_week), 0), 2),
        'this_month', round(coalesce(sum(m.total_cost_usd) FILTER (WHERE m.usage_date >= v_month), 0), 2),
        'last_month', round(coalesce(sum(m.total_cost_usd) FILTER (WHERE m.usage_date >= v_last_month AND m.usage_date < v_month), 0), 2),
        'all_time', round(coalesce(sum(m.total_cost_usd), 0), 2),
        'requests_today', coalesce(sum(m.requests) FILTER (WHERE m.usage_date = v_today), 0),
        'requests_this_month', coalesce(sum(m.requests) FILTER (WHERE m.usage_date >= v_month), 0),
        'unpriced_requests_this_month', coalesce(sum(m.unpriced_requests) FILTER (WHERE m.usage_date >= v_month), 0),
        'time_zone', v_tz)
    INTO v_result
    FROM public.ai_usage_daily_by_model m;
    RETURN v_result;
END;
$$;

COMMENT ON FUNCTION public.get_ai_cost_summary() IS 'Cost totals (USD, 2 dp) for today, yesterday, this week (Monday start), this month, last month and all time, in the reporting time zone. Admins and the server only (42501 otherwise).';

REVOKE ALL ON FUNCTION public.get_ai_cost_summary() FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.get_ai_cost_summary() TO authenticated;
GRANT ALL ON FUNCTION public.get_ai_cost_summary() TO service_role;
