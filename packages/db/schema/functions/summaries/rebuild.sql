-- Recomputes every summary from the log. Blocks writers meanwhile (SHARE lock) so nothing is
-- counted twice or missed.
CREATE FUNCTION ai_usage_private._ai_usage_rebuild_summaries() RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
DECLARE
    v_table record;
    v_tz text := quote_literal(ai_usage_private.ai_usage_reporting_time_zone());
BEGIN
    LOCK TABLE public.ai_usage_log IN SHARE MODE;
    TRUNCATE public.ai_usage_daily_by_model, public.ai_usage_daily_by_user, public.ai_usage_daily_active_users,
             public.ai_usage_daily_by_customer, public.ai_usage_summary, public.ai_usage_monthly_by_customer;
    FOR v_table IN SELECT t.table_name FROM ai_usage_private._ai_usage_summary_tables() t ORDER BY t.lock_order LOOP
        EXECUTE ai_usage_private._ai_usage_summary_write_sql(
            v_table.table_name, '(SELECT 1 AS sign, l.* FROM public.ai_usage_log l)', v_tz);
    END LOOP;
END;
$$;

-- Admin: rebuild every summary from the log. Returns the number of log rows counted.
CREATE FUNCTION public.rebuild_ai_usage_summaries() RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
BEGIN
    PERFORM ai_usage_private._ai_usage_require_admin('rebuild_ai_usage_summaries');
    PERFORM ai_usage_private._ai_usage_rebuild_summaries();
    RETURN (SELECT count(*) FROM public.ai_usage_log);
END;
$$;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_rebuild_summaries() FROM PUBLIC, anon, authenticated, service_role;

REVOKE ALL ON FUNCTION public.rebuild_ai_usage_summaries() FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.rebuild_ai_usage_summaries() TO authenticated;
GRANT ALL ON FUNCTION public.rebuild_ai_usage_summaries() TO service_role;
