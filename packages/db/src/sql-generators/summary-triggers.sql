-- Development time only (`pnpm db:generate-sql`): writes the summary trigger functions from the one
-- description of the summaries (summaries/description.sql) and its statement builders
-- (summaries/statement-builders.sql), in a scratch database that holds the rest of the source. The
-- generator reads the functions back and commits them as schema/generated/summary-triggers.sql.
--
-- Why generate: the three functions hold one upsert per summary table (five tables, 24 metrics),
-- written out as static SQL so that PL/pgSQL caches their plans (single-event ingest latency);
-- written by hand they would repeat the metric list fifteen times.
DO $compile$
DECLARE
    v_source jsonb := jsonb_build_object(
        'INSERT', '(SELECT 1 AS sign, n.* FROM new_rows n)',
        'UPDATE', '(SELECT 1 AS sign, n.* FROM new_rows n UNION ALL SELECT -1 AS sign, o.* FROM old_rows o)',
        'DELETE', '(SELECT -1 AS sign, o.* FROM old_rows o)');
    -- Rows that left a summary row: all deleted rows; updated rows only when their provider
    -- changed (re-pricing names the provider of a row stored as 'unknown'), since only the
    -- provider may change and only it is a summary key.
    v_left jsonb := jsonb_build_object(
        'UPDATE', '(SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.provider IS DISTINCT FROM o.provider)',
        'DELETE', 'old_rows');
    v_op text;
    v_body text;
BEGIN
    FOREACH v_op IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
        SELECT string_agg(
                   format(E'-- %s\n', t.table_name)
                   || ai_usage_private._ai_usage_summary_write_sql(t.table_name, v_source ->> v_op, 'v_tz') || ';'
                   || CASE WHEN v_left ? v_op
                           THEN E'\n' || ai_usage_private._ai_usage_summary_after_leave_sql(t.table_name, v_left ->> v_op, 'v_tz') || ';'
                           ELSE '' END,
                   E'\n' ORDER BY t.lock_order)
        INTO v_body
        FROM ai_usage_private._ai_usage_summary_tables() t;
        EXECUTE format($f$
CREATE FUNCTION ai_usage_private._ai_usage_log_after_%1$s()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = ''
AS $body$
DECLARE
    v_tz text := ai_usage_private.ai_usage_reporting_time_zone();
BEGIN
%3$s
    RETURN NULL;
END;
$body$;
$f$, lower(v_op), v_op, v_body);
    END LOOP;
END;
$compile$;
