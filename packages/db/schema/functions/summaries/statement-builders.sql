-- The bucket of a log row `r`, as SQL text; p_tz is SQL text too (a variable name or a literal).
CREATE FUNCTION ai_usage_private._ai_usage_bucket_sql(p_bucket text, p_tz text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
    SELECT CASE p_bucket
        WHEN 'day' THEN format('(r.created_at AT TIME ZONE %s)::date', p_tz)
        WHEN 'month' THEN format('date_trunc(''month'', r.created_at AT TIME ZONE %s)::date', p_tz)
    END
$$;

-- After rows left some summary rows (a delete, or re-pricing that gave an 'unknown' provider its
-- real one): drop the touched rows that no longer count anything (and take them off the table's
-- counter), and recompute the latest-request time and the label of the others from the log (a
-- maximum cannot be "subtracted"). p_touched is the SQL of the rows that left.
CREATE FUNCTION ai_usage_private._ai_usage_summary_after_leave_sql(p_table text, p_touched text, p_tz text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $_$
    SELECT format(
        CASE WHEN t.counter IS NULL THEN '' ELSE 'WITH removed AS (' END ||
        'DELETE FROM public.%1$I s USING (SELECT DISTINCT %3$s AS bucket, %4$s FROM %11$s r) touched '
        'WHERE s.requests = 0 AND s.%9$I = touched.bucket AND %10$s' ||
        CASE WHEN t.counter IS NULL THEN '' ELSE
            ' RETURNING s.%9$I AS bucket) '
            'UPDATE public.%12$I c SET active_users = c.active_users - r.rows '
            'FROM (SELECT bucket, count(*) AS rows FROM removed GROUP BY bucket) r WHERE c.%9$I = r.bucket; '
            'DELETE FROM public.%12$I c WHERE c.active_users = 0' END ||
        '; '
        'UPDATE public.%1$I s SET last_request_at = latest.created_at%2$s '
        'FROM (SELECT DISTINCT %3$s AS bucket, %4$s FROM %11$s r) touched '
        'CROSS JOIN LATERAL (SELECT l.created_at FROM public.ai_usage_log l WHERE %6$s '
        'AND l.created_at >= (touched.bucket::timestamp AT TIME ZONE %7$s) '
        'AND l.created_at < ((touched.bucket + interval ''1 %8$s'')::timestamp AT TIME ZONE %7$s) '
        'ORDER BY l.created_at DESC LIMIT 1) latest%5$s '
        'WHERE s.%9$I = touched.bucket AND %10$s',
        t.table_name,
        CASE WHEN t.label IS NULL THEN '' ELSE format(', %1$I = named.%1$I, %2$I = named.created_at', t.label, t.label || '_at') END,
        ai_usage_private._ai_usage_bucket_sql(t.bucket, p_tz),
        (SELECT string_agg(format('r.%I', k), ', ') FROM unnest(t.keys) k),
        -- The newest label left in the bucket, if any.
        CASE WHEN t.label IS NULL THEN '' ELSE format(
            ' LEFT JOIN LATERAL (SELECT l.%1$I, l.created_at FROM public.ai_usage_log l WHERE %2$s AND l.%1$I IS NOT NULL '
            'AND l.created_at >= (touched.bucket::timestamp AT TIME ZONE %3$s) '
            'AND l.created_at < ((touched.bucket + interval ''1 %4$s'')::timestamp AT TIME ZONE %3$s) '
            'ORDER BY l.created_at DESC, l.%1$I DESC LIMIT 1) named ON true',
            t.label,
            (SELECT string_agg(format('l.%1$I = touched.%1$I', k), ' AND ') FROM unnest(t.keys) k),
            p_tz, t.bucket) END,
        (SELECT string_agg(format('l.%1$I = touched.%1$I', k), ' AND ') FROM unnest(t.keys) k),
        p_tz,
        t.bucket,
        t.bucket_column,
        (SELECT string_agg(format('s.%1$I = touched.%1$I', k), ' AND ') FROM unnest(t.keys) k),
        p_touched,
        t.counter)
    FROM ai_usage_private._ai_usage_summary_tables() t
    WHERE t.table_name = p_table
$_$;

-- SELECT that aggregates signed rows `r` from p_source into one summary table's rows, in key order.
CREATE FUNCTION ai_usage_private._ai_usage_summary_select_sql(p_table text, p_source text, p_tz text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $_$
    SELECT format(
        'SELECT %s AS %I, %s%s, %s FROM %s AS r%s GROUP BY %s ORDER BY %s',
        ai_usage_private._ai_usage_bucket_sql(t.bucket, p_tz), t.bucket_column,
        (SELECT string_agg(format('r.%I', k), ', ') FROM unnest(t.keys) k),
        CASE WHEN t.label IS NULL THEN '' ELSE format(
            ', (array_agg(r.%1$I ORDER BY r.created_at DESC, r.%1$I DESC) FILTER (WHERE r.%1$I IS NOT NULL))[1] AS %1$I'
            ', max(r.created_at) FILTER (WHERE r.%1$I IS NOT NULL) AS %2$I', t.label, t.label || '_at') END,
        (SELECT string_agg(format('%s AS %I', m.aggregate, m.metric), ', ') FROM ai_usage_private._ai_usage_summary_metrics() m
         WHERE t.metrics IS NULL OR m.metric = ANY (t.metrics))
            || ', max(r.created_at) AS last_request_at',
        p_source,
        CASE WHEN t.row_filter IS NULL THEN '' ELSE ' WHERE ' || t.row_filter END,
        (SELECT string_agg(g::text, ', ') FROM generate_series(1, 1 + cardinality(t.keys)) g),
        (SELECT string_agg(g::text, ', ') FROM generate_series(1, 1 + cardinality(t.keys)) g))
    FROM ai_usage_private._ai_usage_summary_tables() t
    WHERE t.table_name = p_table
$_$;

-- INSERT ... ON CONFLICT DO UPDATE that adds the aggregated signed rows into a summary table.
CREATE FUNCTION ai_usage_private._ai_usage_summary_upsert_sql(p_table text, p_source text, p_tz text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $_$
    SELECT format(
        'INSERT INTO public.%I AS s (%I, %s%s, %s, last_request_at) %s ON CONFLICT (%I, %s) DO UPDATE SET %s, last_request_at = greatest(s.last_request_at, excluded.last_request_at)%s',
        t.table_name, t.bucket_column,
        (SELECT string_agg(format('%I', k), ', ') FROM unnest(t.keys) k),
        CASE WHEN t.label IS NULL THEN '' ELSE format(', %I, %I', t.label, t.label || '_at') END,
        (SELECT string_agg(format('%I', m.metric), ', ') FROM ai_usage_private._ai_usage_summary_metrics() m
         WHERE t.metrics IS NULL OR m.metric = ANY (t.metrics)),
        ai_usage_private._ai_usage_summary_select_sql(t.table_name, p_source, p_tz),
        t.bucket_column,
        (SELECT string_agg(format('%I', k), ', ') FROM unnest(t.keys) k),
        (SELECT string_agg(format('%1$I = s.%1$I + excluded.%1$I', m.metric), ', ') FROM ai_usage_private._ai_usage_summary_metrics() m
         WHERE t.metrics IS NULL OR m.metric = ANY (t.metrics)),
        -- The newer label wins (a side without one never does); the same instant: the greatest.
        CASE WHEN t.label IS NULL THEN '' ELSE format(
            ', %1$I = CASE WHEN excluded.%2$I IS NULL OR excluded.%2$I < s.%2$I THEN s.%1$I '
            'WHEN s.%2$I IS NULL OR excluded.%2$I > s.%2$I THEN excluded.%1$I ELSE greatest(s.%1$I, excluded.%1$I) END'
            ', %2$I = greatest(s.%2$I, excluded.%2$I)',
            t.label, t.label || '_at') END)
    FROM ai_usage_private._ai_usage_summary_tables() t
    WHERE t.table_name = p_table
$_$;

-- The upsert of p_table, and for a table with a counter, the counter's increments in the same
-- statement: every row the upsert created (xmax = 0: ON CONFLICT DO UPDATE leaves the updating
-- transaction's lock in the xmax of the rows it updated) adds one to its bucket. Increments add up
-- like every other summary metric, so concurrent writers stay exact.
CREATE FUNCTION ai_usage_private._ai_usage_summary_write_sql(p_table text, p_source text, p_tz text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $_$
    SELECT CASE WHEN t.counter IS NULL THEN ai_usage_private._ai_usage_summary_upsert_sql(p_table, p_source, p_tz)
    ELSE format(
        'WITH upserted AS (%1$s RETURNING s.%2$I AS bucket, s.xmax = 0 AS created) '
        'INSERT INTO public.%3$I AS c (%2$I, active_users) '
        'SELECT u.bucket, count(*) FROM upserted u WHERE u.created GROUP BY u.bucket ORDER BY u.bucket '
        'ON CONFLICT (%2$I) DO UPDATE SET active_users = c.active_users + excluded.active_users',
        ai_usage_private._ai_usage_summary_upsert_sql(p_table, p_source, p_tz), t.bucket_column, t.counter) END
    FROM ai_usage_private._ai_usage_summary_tables() t
    WHERE t.table_name = p_table
$_$;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_bucket_sql(p_bucket text, p_tz text) FROM PUBLIC, anon, authenticated, service_role;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_summary_after_leave_sql(p_table text, p_touched text, p_tz text) FROM PUBLIC, anon, authenticated, service_role;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_summary_select_sql(p_table text, p_source text, p_tz text) FROM PUBLIC, anon, authenticated, service_role;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_summary_upsert_sql(p_table text, p_source text, p_tz text) FROM PUBLIC, anon, authenticated, service_role;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_summary_write_sql(p_table text, p_source text, p_tz text) FROM PUBLIC, anon, authenticated, service_role;
