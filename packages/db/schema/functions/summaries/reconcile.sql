-- Admin: compare every summary row with the aggregate of the raw log. ok = true when they agree
-- exactly (every metric, latest-request time and label).
CREATE FUNCTION public.reconcile_ai_usage_summaries() RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $_$
DECLARE
    v_table record;
    v_tz text := quote_literal(ai_usage_private.ai_usage_reporting_time_zone());
    v_select text;
    v_rows bigint;
    v_missing bigint;
    v_extra bigint;
    v_tables jsonb := '{}';
    v_total bigint := 0;
BEGIN
    PERFORM ai_usage_private._ai_usage_require_admin('reconcile_ai_usage_summaries');
    FOR v_table IN
        SELECT t.table_name, t.table_name AS source_table, NULL AS bucket_column, t.lock_order, 0 AS step
        FROM ai_usage_private._ai_usage_summary_tables() t
        UNION ALL
        -- A counter must hold, per bucket, the number of rows its table holds; the table itself is
        -- checked against the log (same snapshot: this function is STABLE), so together they prove
        -- the counter equals the log's distinct keys per bucket, without a second pass over the log.
        SELECT t.counter, t.table_name, t.bucket_column, t.lock_order, 1
        FROM ai_usage_private._ai_usage_summary_tables() t WHERE t.counter IS NOT NULL
        ORDER BY lock_order, step
    LOOP
        IF v_table.bucket_column IS NULL THEN
            v_select := ai_usage_private._ai_usage_summary_select_sql(
                v_table.source_table, '(SELECT 1 AS sign, l.* FROM public.ai_usage_log l)', v_tz);
        ELSE
            v_select := format('SELECT s.%1$I, count(*) AS active_users FROM public.%2$I s GROUP BY s.%1$I',
                               v_table.bucket_column, v_table.source_table);
        END IF;
        EXECUTE format(
            'WITH expected AS (%1$s), actual AS (SELECT * FROM public.%2$I) '
            'SELECT (SELECT count(*) FROM actual), '
            '(SELECT count(*) FROM (SELECT * FROM expected EXCEPT ALL SELECT * FROM actual) x), '
            '(SELECT count(*) FROM (SELECT * FROM actual EXCEPT ALL SELECT * FROM expected) y)',
            v_select, v_table.table_name)
        INTO v_rows, v_missing, v_extra;
        v_tables := v_tables || jsonb_build_object(v_table.table_name,
            jsonb_build_object('rows', v_rows, 'missing_or_different', v_missing, 'unexpected', v_extra));
        v_total := v_total + v_missing + v_extra;
    END LOOP;
    RETURN jsonb_build_object(
        'ok', v_total = 0,
        'mismatches', v_total,
        'log_rows', (SELECT count(*) FROM public.ai_usage_log),
        'time_zone', ai_usage_private.ai_usage_reporting_time_zone(),
        'tables', v_tables);
END;
$_$;

REVOKE ALL ON FUNCTION public.reconcile_ai_usage_summaries() FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.reconcile_ai_usage_summaries() TO authenticated;
GRANT ALL ON FUNCTION public.reconcile_ai_usage_summaries() TO service_role;
