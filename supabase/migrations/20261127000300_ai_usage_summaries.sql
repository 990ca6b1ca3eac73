-- Summaries: what every report reads instead of the raw log.
--
-- Five tables, each keyed by a time bucket in the reporting time zone plus dimensions, all with the
-- same additive metrics. They are maintained by statement-level triggers on ai_usage_log that see
-- the whole statement's rows at once (transition tables): a 5,000-event batch becomes one grouped
-- upsert per summary table, not 5,000 row-by-row upserts, in the same transaction as the log write,
-- so the summaries are exact at every moment.
--
-- Deadlocks: every writer locks summary rows table by table in one fixed order (the `lock_order`
-- below) and, within a table, in primary-key order (ORDER BY on the grouped rows), so two writers
-- can only ever wait for each other in the same direction. Log rows are inserted in request_id
-- order for the same reason (see _ai_usage_ingest).
--
-- The upsert statements are generated once, here, from one description of the metrics and tables
-- (_ai_usage_summary_metrics, _ai_usage_summary_tables) and compiled into static trigger functions:
-- static SQL keeps its cached plans, which matters for single-event ingest latency.

CREATE TABLE "ai_usage_daily_by_model" (
    "usage_date" DATE NOT NULL,
    "request_type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model_used" TEXT NOT NULL,
    "requests" BIGINT NOT NULL DEFAULT 0,
    "successful_requests" BIGINT NOT NULL DEFAULT 0,
    "failed_requests" BIGINT NOT NULL DEFAULT 0,
    "unpriced_requests" BIGINT NOT NULL DEFAULT 0,
    "priced_successful_requests" BIGINT NOT NULL DEFAULT 0,
    "input_tokens" BIGINT NOT NULL DEFAULT 0,
    "output_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_write_5m_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_write_1h_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_read_tokens" BIGINT NOT NULL DEFAULT 0,
    "total_tokens" BIGINT NOT NULL DEFAULT 0,
    "successful_tokens" BIGINT NOT NULL DEFAULT 0,
    "input_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "output_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "cache_write_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "cache_read_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "total_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "successful_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "cache_savings_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "unpriced_tokens" BIGINT NOT NULL DEFAULT 0,
    "latency_ms_sum" BIGINT NOT NULL DEFAULT 0,
    "latency_count" BIGINT NOT NULL DEFAULT 0,
    "successful_latency_ms_sum" BIGINT NOT NULL DEFAULT 0,
    "successful_latency_count" BIGINT NOT NULL DEFAULT 0,
    "last_request_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "ai_usage_daily_by_model_pkey" PRIMARY KEY ("usage_date", "request_type", "provider", "model_used")
);

COMMENT ON TABLE ai_usage_daily_by_model IS 'Per day (reporting zone), request type and model: totals, trends, by type, by model, unpriced models, cost summary.';

CREATE TABLE "ai_usage_daily_by_user" (
    "usage_date" DATE NOT NULL,
    "user_id" UUID NOT NULL,
    "user_email" TEXT,
    "user_email_at" TIMESTAMPTZ(6),
    "requests" BIGINT NOT NULL DEFAULT 0,
    "successful_requests" BIGINT NOT NULL DEFAULT 0,
    "failed_requests" BIGINT NOT NULL DEFAULT 0,
    "unpriced_requests" BIGINT NOT NULL DEFAULT 0,
    "input_tokens" BIGINT NOT NULL DEFAULT 0,
    "output_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_write_5m_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_write_1h_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_read_tokens" BIGINT NOT NULL DEFAULT 0,
    "total_tokens" BIGINT NOT NULL DEFAULT 0,
    "successful_tokens" BIGINT NOT NULL DEFAULT 0,
    "input_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "output_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "cache_write_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "cache_read_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "total_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "last_request_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "ai_usage_daily_by_user_pkey" PRIMARY KEY ("usage_date", "user_id")
);

COMMENT ON TABLE ai_usage_daily_by_user IS 'Per day (reporting zone) and user: top users and distinct users over partial months; the daily series of the user drill-down.';

CREATE TABLE "ai_usage_daily_by_customer" (
    "usage_date" DATE NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "user_id" UUID NOT NULL,
    "customer_name" TEXT,
    "customer_name_at" TIMESTAMPTZ(6),
    "requests" BIGINT NOT NULL DEFAULT 0,
    "unpriced_requests" BIGINT NOT NULL DEFAULT 0,
    "total_tokens" BIGINT NOT NULL DEFAULT 0,
    "total_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "last_request_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "ai_usage_daily_by_customer_pkey" PRIMARY KEY ("usage_date", "customer_id", "user_id")
);

COMMENT ON TABLE ai_usage_daily_by_customer IS 'Per day (reporting zone), customer and user (rows with a customer only): top customers with their distinct users.';

CREATE TABLE "ai_usage_summary" (
    "month" DATE NOT NULL,
    "user_id" UUID NOT NULL,
    "user_email" TEXT,
    "user_email_at" TIMESTAMPTZ(6),
    "requests" BIGINT NOT NULL DEFAULT 0,
    "successful_requests" BIGINT NOT NULL DEFAULT 0,
    "failed_requests" BIGINT NOT NULL DEFAULT 0,
    "unpriced_requests" BIGINT NOT NULL DEFAULT 0,
    "input_tokens" BIGINT NOT NULL DEFAULT 0,
    "output_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_write_5m_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_write_1h_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_read_tokens" BIGINT NOT NULL DEFAULT 0,
    "total_tokens" BIGINT NOT NULL DEFAULT 0,
    "successful_tokens" BIGINT NOT NULL DEFAULT 0,
    "input_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "output_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "cache_write_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "cache_read_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "total_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "last_request_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "ai_usage_summary_pkey" PRIMARY KEY ("month", "user_id")
);

COMMENT ON TABLE ai_usage_summary IS 'The monthly per-user summary promised by the spec (month = first day, reporting zone): requests, successes, failures, tokens and cost per bucket, unpriced requests.';

CREATE TABLE "ai_usage_monthly_by_customer" (
    "month" DATE NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "user_id" UUID NOT NULL,
    "customer_name" TEXT,
    "customer_name_at" TIMESTAMPTZ(6),
    "requests" BIGINT NOT NULL DEFAULT 0,
    "unpriced_requests" BIGINT NOT NULL DEFAULT 0,
    "total_tokens" BIGINT NOT NULL DEFAULT 0,
    "total_cost_usd" DECIMAL(24,12) NOT NULL DEFAULT 0,
    "last_request_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "ai_usage_monthly_by_customer_pkey" PRIMARY KEY ("month", "customer_id", "user_id")
);

COMMENT ON TABLE ai_usage_monthly_by_customer IS 'Per month (reporting zone), customer and user: whole months of long report windows.';

-- Distinct users per day, for the dashboard's daily series: counting ai_usage_daily_by_user's rows
-- of every day of a 365-day window was a pass over 365,000 rows at 10 million requests. A count of
-- distinct values cannot be added up from batches the way sums can, but the number of rows in
-- ai_usage_daily_by_user can: a user-day row that a write creates adds one, one that a delete
-- removes takes one away.
CREATE TABLE "ai_usage_daily_active_users" (
    "usage_date" DATE NOT NULL,
    "active_users" BIGINT NOT NULL,

    CONSTRAINT "ai_usage_daily_active_users_pkey" PRIMARY KEY ("usage_date")
);

COMMENT ON TABLE ai_usage_daily_active_users IS 'Per day (reporting zone): distinct users, i.e. the rows of ai_usage_daily_by_user for that day. Days with none have no row.';

-- Summary rows are updated in place all day long: leave room on each page so most updates are HOT
-- (no index churn, fewer dead tuples).
ALTER TABLE "ai_usage_daily_by_model" SET (fillfactor = 80);
ALTER TABLE "ai_usage_daily_by_user" SET (fillfactor = 80);
ALTER TABLE "ai_usage_daily_by_customer" SET (fillfactor = 80);
ALTER TABLE "ai_usage_summary" SET (fillfactor = 80);
ALTER TABLE "ai_usage_monthly_by_customer" SET (fillfactor = 80);

-- One customer's rows (the dashboard's top customers). Key columns only, so updates stay HOT.
CREATE INDEX "ai_usage_daily_by_customer_customer_id_usage_date_idx" ON "ai_usage_daily_by_customer"("customer_id", "usage_date");
CREATE INDEX "ai_usage_monthly_by_customer_customer_id_month_idx" ON "ai_usage_monthly_by_customer"("customer_id", "month");

-- The user drill-down reads one user's days.
CREATE INDEX "ai_usage_daily_by_user_user_id_usage_date_idx" ON "ai_usage_daily_by_user"("user_id", "usage_date");
-- The dashboard's top users read their own months.
CREATE INDEX "ai_usage_summary_user_id_month_idx" ON "ai_usage_summary"("user_id", "month");

-- ----------------------------------------------------------------------------
-- The reporting time zone
-- ----------------------------------------------------------------------------
-- PL/pgSQL, not SQL: a SQL function with a FROM clause is never inlined and is planned again on
-- every call (0.05 ms; every write's trigger reads it), where PL/pgSQL keeps its plan.
CREATE FUNCTION public.ai_usage_reporting_time_zone()
RETURNS text
LANGUAGE plpgsql STABLE
AS $$
BEGIN
    RETURN (SELECT s.reporting_time_zone FROM public.ai_usage_settings s);
END;
$$;

-- ----------------------------------------------------------------------------
-- The one description of the summaries
-- ----------------------------------------------------------------------------

-- Each metric as an aggregate over signed log rows `r` (sign +1 = row added, -1 = row removed), so
-- inserts, re-pricing (old rows out, new rows in) and deletes share one code path.
CREATE FUNCTION public._ai_usage_summary_metrics()
RETURNS TABLE (metric text, aggregate text)
LANGUAGE sql IMMUTABLE
AS $$
    VALUES
        ('requests',                   'sum(r.sign)'),
        ('successful_requests',        'coalesce(sum(r.sign) FILTER (WHERE r.status = ''success''), 0)'),
        ('failed_requests',            'coalesce(sum(r.sign) FILTER (WHERE r.status = ''error''), 0)'),
        ('unpriced_requests',          'coalesce(sum(r.sign) FILTER (WHERE r.total_cost_usd IS NULL), 0)'),
        ('priced_successful_requests', 'coalesce(sum(r.sign) FILTER (WHERE r.status = ''success'' AND r.total_cost_usd IS NOT NULL), 0)'),
        ('input_tokens',               'sum(r.sign * r.input_tokens)'),
        ('output_tokens',              'sum(r.sign * r.output_tokens)'),
        ('cache_write_5m_tokens',      'sum(r.sign * r.cache_write_5m_tokens)'),
        ('cache_write_1h_tokens',      'sum(r.sign * r.cache_write_1h_tokens)'),
        ('cache_read_tokens',          'sum(r.sign * r.cache_read_tokens)'),
        ('total_tokens',               'sum(r.sign * r.total_tokens)'),
        ('successful_tokens',          'coalesce(sum(r.sign * r.total_tokens) FILTER (WHERE r.status = ''success''), 0)'),
        ('input_cost_usd',             'coalesce(sum(r.sign * r.input_cost_usd), 0)'),
        ('output_cost_usd',            'coalesce(sum(r.sign * r.output_cost_usd), 0)'),
        ('cache_write_cost_usd',       'coalesce(sum(r.sign * r.cache_write_cost_usd), 0)'),
        ('cache_read_cost_usd',        'coalesce(sum(r.sign * r.cache_read_cost_usd), 0)'),
        ('total_cost_usd',             'coalesce(sum(r.sign * r.total_cost_usd), 0)'),
        ('successful_cost_usd',        'coalesce(sum(r.sign * r.total_cost_usd) FILTER (WHERE r.status = ''success''), 0)'),
        -- What cache reads saved against paying the input rate for the same tokens.
        ('cache_savings_usd',          'coalesce(sum(r.sign * r.cache_read_tokens * (r.input_price_per_mtok - r.cache_read_price_per_mtok) / 1000000), 0)'),
        ('unpriced_tokens',            'coalesce(sum(r.sign * r.total_tokens) FILTER (WHERE r.total_cost_usd IS NULL), 0)'),
        ('latency_ms_sum',             'coalesce(sum(r.sign * r.latency_ms), 0)'),
        ('latency_count',              'coalesce(sum(r.sign) FILTER (WHERE r.latency_ms IS NOT NULL), 0)'),
        ('successful_latency_ms_sum',  'coalesce(sum(r.sign * r.latency_ms) FILTER (WHERE r.status = ''success''), 0)'),
        ('successful_latency_count',   'coalesce(sum(r.sign) FILTER (WHERE r.status = ''success'' AND r.latency_ms IS NOT NULL), 0)')
$$;

-- What the per-user summaries count: requests by outcome, tokens and cost per bucket.
CREATE FUNCTION public._ai_usage_user_metrics()
RETURNS text[]
LANGUAGE sql IMMUTABLE
RETURN ARRAY['requests', 'successful_requests', 'failed_requests', 'unpriced_requests', 'input_tokens',
             'output_tokens', 'cache_write_5m_tokens', 'cache_write_1h_tokens', 'cache_read_tokens',
             'total_tokens', 'successful_tokens', 'input_cost_usd', 'output_cost_usd', 'cache_write_cost_usd',
             'cache_read_cost_usd', 'total_cost_usd'];

-- What the per-customer summaries count (top customers: requests, tokens, cost, distinct users).
CREATE FUNCTION public._ai_usage_customer_metrics()
RETURNS text[]
LANGUAGE sql IMMUTABLE
RETURN ARRAY['requests', 'unpriced_requests', 'total_tokens', 'total_cost_usd'];

-- The summary tables in lock order. `label` is a display name: the newest one the bucket's requests
-- carry (requests without one are skipped; ties: the greatest), kept with its request's time in
-- `<label>_at`, so that it merges exactly however the rows are batched.
-- `counter` is a table of (bucket, active_users) that counts this table's rows per bucket: the
-- distinct keys (users) per day. It is written right after this table, so it takes this table's
-- place in the lock order.
CREATE FUNCTION public._ai_usage_summary_tables()
RETURNS TABLE (lock_order integer, table_name text, bucket text, bucket_column text, keys text[], label text,
               row_filter text, metrics text[], counter text)
LANGUAGE sql IMMUTABLE
AS $$
    -- metrics NULL = every metric. The per-user and per-customer tables keep only what their
    -- reports read: fewer aggregates per written batch.
    VALUES
        (1, 'ai_usage_daily_by_model',      'day',   'usage_date', ARRAY['request_type', 'provider', 'model_used'], NULL,            NULL,
            NULL::text[], NULL),
        (2, 'ai_usage_daily_by_user',       'day',   'usage_date', ARRAY['user_id'],                                'user_email',    NULL,
            public._ai_usage_user_metrics(), 'ai_usage_daily_active_users'),
        (3, 'ai_usage_daily_by_customer',   'day',   'usage_date', ARRAY['customer_id', 'user_id'],                 'customer_name', 'r.customer_id IS NOT NULL',
            public._ai_usage_customer_metrics(), NULL),
        (4, 'ai_usage_summary',             'month', 'month',      ARRAY['user_id'],                                'user_email',    NULL,
            public._ai_usage_user_metrics(), NULL),
        (5, 'ai_usage_monthly_by_customer', 'month', 'month',      ARRAY['customer_id', 'user_id'],                 'customer_name', 'r.customer_id IS NOT NULL',
            public._ai_usage_customer_metrics(), NULL)
$$;

-- The bucket of a log row `r`, as SQL text; p_tz is SQL text too (a variable name or a literal).
CREATE FUNCTION public._ai_usage_bucket_sql(p_bucket text, p_tz text)
RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
    SELECT CASE p_bucket
        WHEN 'day' THEN format('(r.created_at AT TIME ZONE %s)::date', p_tz)
        WHEN 'month' THEN format('date_trunc(''month'', r.created_at AT TIME ZONE %s)::date', p_tz)
    END
$$;

-- SELECT that aggregates signed rows `r` from p_source into one summary table's rows, in key order.
CREATE FUNCTION public._ai_usage_summary_select_sql(p_table text, p_source text, p_tz text)
RETURNS text
LANGUAGE sql STABLE
AS $$
    SELECT format(
        'SELECT %s AS %I, %s%s, %s FROM %s AS r%s GROUP BY %s ORDER BY %s',
        public._ai_usage_bucket_sql(t.bucket, p_tz), t.bucket_column,
        (SELECT string_agg(format('r.%I', k), ', ') FROM unnest(t.keys) k),
        CASE WHEN t.label IS NULL THEN '' ELSE format(
            ', (array_agg(r.%1$I ORDER BY r.created_at DESC, r.%1$I DESC) FILTER (WHERE r.%1$I IS NOT NULL))[1] AS %1$I'
            ', max(r.created_at) FILTER (WHERE r.%1$I IS NOT NULL) AS %2$I', t.label, t.label || '_at') END,
        (SELECT string_agg(format('%s AS %I', m.aggregate, m.metric), ', ') FROM public._ai_usage_summary_metrics() m
         WHERE t.metrics IS NULL OR m.metric = ANY (t.metrics))
            || ', max(r.created_at) AS last_request_at',
        p_source,
        CASE WHEN t.row_filter IS NULL THEN '' ELSE ' WHERE ' || t.row_filter END,
        (SELECT string_agg(g::text, ', ') FROM generate_series(1, 1 + cardinality(t.keys)) g),
        (SELECT string_agg(g::text, ', ') FROM generate_series(1, 1 + cardinality(t.keys)) g))
    FROM public._ai_usage_summary_tables() t
    WHERE t.table_name = p_table
$$;

-- INSERT ... ON CONFLICT DO UPDATE that adds the aggregated signed rows into a summary table.
CREATE FUNCTION public._ai_usage_summary_upsert_sql(p_table text, p_source text, p_tz text)
RETURNS text
LANGUAGE sql STABLE
AS $$
    SELECT format(
        'INSERT INTO public.%I AS s (%I, %s%s, %s, last_request_at) %s ON CONFLICT (%I, %s) DO UPDATE SET %s, last_request_at = greatest(s.last_request_at, excluded.last_request_at)%s',
        t.table_name, t.bucket_column,
        (SELECT string_agg(format('%I', k), ', ') FROM unnest(t.keys) k),
        CASE WHEN t.label IS NULL THEN '' ELSE format(', %I, %I', t.label, t.label || '_at') END,
        (SELECT string_agg(format('%I', m.metric), ', ') FROM public._ai_usage_summary_metrics() m
         WHERE t.metrics IS NULL OR m.metric = ANY (t.metrics)),
        public._ai_usage_summary_select_sql(t.table_name, p_source, p_tz),
        t.bucket_column,
        (SELECT string_agg(format('%I', k), ', ') FROM unnest(t.keys) k),
        (SELECT string_agg(format('%1$I = s.%1$I + excluded.%1$I', m.metric), ', ') FROM public._ai_usage_summary_metrics() m
         WHERE t.metrics IS NULL OR m.metric = ANY (t.metrics)),
        -- The newer label wins (a side without one never does); the same instant: the greatest.
        CASE WHEN t.label IS NULL THEN '' ELSE format(
            ', %1$I = CASE WHEN excluded.%2$I IS NULL OR excluded.%2$I < s.%2$I THEN s.%1$I '
            'WHEN s.%2$I IS NULL OR excluded.%2$I > s.%2$I THEN excluded.%1$I ELSE greatest(s.%1$I, excluded.%1$I) END'
            ', %2$I = greatest(s.%2$I, excluded.%2$I)',
            t.label, t.label || '_at') END)
    FROM public._ai_usage_summary_tables() t
    WHERE t.table_name = p_table
$$;

-- The upsert of p_table, and for a table with a counter, the counter's increments in the same
-- statement: every row the upsert created (xmax = 0: ON CONFLICT DO UPDATE leaves the updating
-- transaction's lock in the xmax of the rows it updated) adds one to its bucket. Increments add up
-- like every other summary metric, so concurrent writers stay exact.
CREATE FUNCTION public._ai_usage_summary_write_sql(p_table text, p_source text, p_tz text)
RETURNS text
LANGUAGE sql STABLE
AS $$
    SELECT CASE WHEN t.counter IS NULL THEN public._ai_usage_summary_upsert_sql(p_table, p_source, p_tz)
    ELSE format(
        'WITH upserted AS (%1$s RETURNING s.%2$I AS bucket, s.xmax = 0 AS created) '
        'INSERT INTO public.%3$I AS c (%2$I, active_users) '
        'SELECT u.bucket, count(*) FROM upserted u WHERE u.created GROUP BY u.bucket ORDER BY u.bucket '
        'ON CONFLICT (%2$I) DO UPDATE SET active_users = c.active_users + excluded.active_users',
        public._ai_usage_summary_upsert_sql(p_table, p_source, p_tz), t.bucket_column, t.counter) END
    FROM public._ai_usage_summary_tables() t
    WHERE t.table_name = p_table
$$;

-- After rows left some summary rows (a delete, or re-pricing that gave an 'unknown' provider its
-- real one): drop the touched rows that no longer count anything (and take them off the table's
-- counter), and recompute the latest-request time and the label of the others from the log (a
-- maximum cannot be "subtracted"). p_touched is the SQL of the rows that left.
CREATE FUNCTION public._ai_usage_summary_after_leave_sql(p_table text, p_touched text, p_tz text)
RETURNS text
LANGUAGE sql STABLE
AS $$
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
        public._ai_usage_bucket_sql(t.bucket, p_tz),
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
    FROM public._ai_usage_summary_tables() t
    WHERE t.table_name = p_table
$$;

-- ----------------------------------------------------------------------------
-- Compile the trigger functions (static SQL, so plans are cached per session)
-- ----------------------------------------------------------------------------
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
        SELECT string_agg(public._ai_usage_summary_write_sql(t.table_name, v_source ->> v_op, 'v_tz') || ';'
                          || CASE WHEN v_left ? v_op
                                  THEN E'\n    ' || public._ai_usage_summary_after_leave_sql(t.table_name, v_left ->> v_op, 'v_tz') || ';'
                                  ELSE '' END,
                          E'\n    ' ORDER BY t.lock_order)
        INTO v_body
        FROM public._ai_usage_summary_tables() t;
        EXECUTE format($f$
CREATE FUNCTION public._ai_usage_log_after_%1$s()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = ''
AS $body$
-- Generated by migration 20261127000300_ai_usage_summaries from _ai_usage_summary_metrics() and
-- _ai_usage_summary_tables(); keeps every summary equal to the log after a %2$s statement.
DECLARE
    v_tz text := public.ai_usage_reporting_time_zone();
BEGIN
    %3$s
    RETURN NULL;
END;
$body$;
$f$, lower(v_op), v_op, v_body);
    END LOOP;
END;
$compile$;

CREATE TRIGGER ai_usage_log_summaries_after_insert
    AFTER INSERT ON public.ai_usage_log
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public._ai_usage_log_after_insert();
CREATE TRIGGER ai_usage_log_summaries_after_update
    AFTER UPDATE ON public.ai_usage_log
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public._ai_usage_log_after_update();
CREATE TRIGGER ai_usage_log_summaries_after_delete
    AFTER DELETE ON public.ai_usage_log
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public._ai_usage_log_after_delete();

-- TRUNCATE of the log empties the summaries with it.
CREATE FUNCTION public._ai_usage_log_after_truncate()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = ''
AS $$
BEGIN
    TRUNCATE public.ai_usage_daily_by_model, public.ai_usage_daily_by_user, public.ai_usage_daily_active_users,
             public.ai_usage_daily_by_customer, public.ai_usage_summary, public.ai_usage_monthly_by_customer;
    RETURN NULL;
END;
$$;
CREATE TRIGGER ai_usage_log_summaries_after_truncate
    AFTER TRUNCATE ON public.ai_usage_log
    FOR EACH STATEMENT EXECUTE FUNCTION public._ai_usage_log_after_truncate();

-- The log is append-only: an UPDATE may change the price columns (re-pricing) and nothing else,
-- except a provider stored as 'unknown' that re-pricing learns from the catalog. The UPDATE trigger
-- moves the signed difference between summary rows either way.
CREATE FUNCTION public._ai_usage_log_before_update()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = ''
AS $$
BEGIN
    IF NEW.provider IS DISTINCT FROM OLD.provider AND OLD.provider <> 'unknown' THEN
        RAISE EXCEPTION USING ERRCODE = '55000',
            MESSAGE = 'ai_usage_log is append-only: a known provider cannot change';
    END IF;
    IF (NEW.id, NEW.request_id, NEW.user_id, NEW.user_email, NEW.customer_id, NEW.customer_name,
        NEW.request_type, NEW.session_id, NEW.model_used, NEW.input_tokens,
        NEW.output_tokens, NEW.cache_write_5m_tokens, NEW.cache_write_1h_tokens, NEW.cache_read_tokens,
        NEW.latency_ms, NEW.tool_turns, NEW.status, NEW.error_message, NEW.created_at)
       IS DISTINCT FROM
       (OLD.id, OLD.request_id, OLD.user_id, OLD.user_email, OLD.customer_id, OLD.customer_name,
        OLD.request_type, OLD.session_id, OLD.model_used, OLD.input_tokens,
        OLD.output_tokens, OLD.cache_write_5m_tokens, OLD.cache_write_1h_tokens, OLD.cache_read_tokens,
        OLD.latency_ms, OLD.tool_turns, OLD.status, OLD.error_message, OLD.created_at) THEN
        RAISE EXCEPTION USING ERRCODE = '55000',
            MESSAGE = 'ai_usage_log is append-only: only the price columns may change (use reprice_ai_usage)';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ai_usage_log_append_only
    BEFORE UPDATE ON public.ai_usage_log
    FOR EACH ROW EXECUTE FUNCTION public._ai_usage_log_before_update();

-- ----------------------------------------------------------------------------
-- Rebuild, reconcile, time zone
-- ----------------------------------------------------------------------------

-- Recomputes every summary from the log. Blocks writers meanwhile (SHARE lock) so nothing is
-- counted twice or missed.
CREATE FUNCTION public._ai_usage_rebuild_summaries()
RETURNS void
LANGUAGE plpgsql
SET search_path = ''
AS $$
DECLARE
    v_table record;
    v_tz text := quote_literal(public.ai_usage_reporting_time_zone());
BEGIN
    LOCK TABLE public.ai_usage_log IN SHARE MODE;
    TRUNCATE public.ai_usage_daily_by_model, public.ai_usage_daily_by_user, public.ai_usage_daily_active_users,
             public.ai_usage_daily_by_customer, public.ai_usage_summary, public.ai_usage_monthly_by_customer;
    FOR v_table IN SELECT t.table_name FROM public._ai_usage_summary_tables() t ORDER BY t.lock_order LOOP
        EXECUTE public._ai_usage_summary_write_sql(
            v_table.table_name, '(SELECT 1 AS sign, l.* FROM public.ai_usage_log l)', v_tz);
    END LOOP;
END;
$$;

-- Admin: rebuild every summary from the log. Returns the number of log rows counted.
CREATE FUNCTION public.rebuild_ai_usage_summaries()
RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = ''
AS $$
BEGIN
    PERFORM public._ai_usage_require_admin('rebuild_ai_usage_summaries');
    PERFORM public._ai_usage_rebuild_summaries();
    RETURN (SELECT count(*) FROM public.ai_usage_log);
END;
$$;

-- Admin: compare every summary row with the aggregate of the raw log. ok = true when they agree
-- exactly (every metric, latest-request time and label).
CREATE FUNCTION public.reconcile_ai_usage_summaries()
RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = ''
AS $$
DECLARE
    v_table record;
    v_tz text := quote_literal(public.ai_usage_reporting_time_zone());
    v_select text;
    v_rows bigint;
    v_missing bigint;
    v_extra bigint;
    v_tables jsonb := '{}';
    v_total bigint := 0;
BEGIN
    PERFORM public._ai_usage_require_admin('reconcile_ai_usage_summaries');
    FOR v_table IN
        SELECT t.table_name, t.table_name AS source_table, NULL AS bucket_column, t.lock_order, 0 AS step
        FROM public._ai_usage_summary_tables() t
        UNION ALL
        -- A counter must hold, per bucket, the number of rows its table holds; the table itself is
        -- checked against the log (same snapshot: this function is STABLE), so together they prove
        -- the counter equals the log's distinct keys per bucket, without a second pass over the log.
        SELECT t.counter, t.table_name, t.bucket_column, t.lock_order, 1
        FROM public._ai_usage_summary_tables() t WHERE t.counter IS NOT NULL
        ORDER BY lock_order, step
    LOOP
        IF v_table.bucket_column IS NULL THEN
            v_select := public._ai_usage_summary_select_sql(
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
        'time_zone', public.ai_usage_reporting_time_zone(),
        'tables', v_tables);
END;
$$;

-- Admin: change the reporting time zone and rebuild the summaries in the same transaction.
CREATE FUNCTION public.set_ai_reporting_time_zone(p_time_zone text)
RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = ''
AS $$
DECLARE
    v_name text;
BEGIN
    PERFORM public._ai_usage_require_admin('set_ai_reporting_time_zone');
    SELECT z.name INTO v_name FROM pg_catalog.pg_timezone_names z WHERE lower(z.name) = lower(p_time_zone)
    ORDER BY (z.name = p_time_zone) DESC LIMIT 1;
    IF v_name IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('unknown time zone %L', p_time_zone),
            HINT = 'Use an IANA name such as UTC, Europe/Berlin or America/New_York (see pg_timezone_names).';
    END IF;
    -- Writers first wait here, then see the new zone: the rebuild and the zone change are atomic.
    LOCK TABLE public.ai_usage_log IN SHARE MODE;
    UPDATE public.ai_usage_settings SET reporting_time_zone = v_name, updated_at = now();
    PERFORM public._ai_usage_rebuild_summaries();
    RETURN v_name;
END;
$$;
COMMENT ON FUNCTION public.set_ai_reporting_time_zone(text) IS 'Admin: sets the reporting time zone (IANA name) and rebuilds every summary in the same transaction.';
