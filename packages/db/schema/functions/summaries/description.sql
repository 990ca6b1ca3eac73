-- What the per-customer summaries count (top customers: requests, tokens, cost, distinct users).
CREATE FUNCTION ai_usage_private._ai_usage_customer_metrics() RETURNS text[]
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    RETURN ARRAY['requests'::text, 'unpriced_requests'::text, 'total_tokens'::text, 'total_cost_usd'::text];

-- Each metric as an aggregate over signed log rows `r` (sign +1 = row added, -1 = row removed), so
-- inserts, re-pricing (old rows out, new rows in) and deletes share one code path.
CREATE FUNCTION ai_usage_private._ai_usage_summary_metrics() RETURNS TABLE(metric text, aggregate text)
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
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

-- The summary tables in lock order. `label` is a display name: the newest one the bucket's requests
-- carry (requests without one are skipped; ties: the greatest), kept with its request's time in
-- `<label>_at`, so that it merges exactly however the rows are batched.
-- `counter` is a table of (bucket, active_users) that counts this table's rows per bucket: the
-- distinct keys (users) per day. It is written right after this table, so it takes this table's
-- place in the lock order.
CREATE FUNCTION ai_usage_private._ai_usage_summary_tables() RETURNS TABLE(lock_order integer, table_name text, bucket text, bucket_column text, keys text[], label text, row_filter text, metrics text[], counter text)
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
    -- metrics NULL = every metric. The per-user and per-customer tables keep only what their
    -- reports read: fewer aggregates per written batch.
    VALUES
        (1, 'ai_usage_daily_by_model',      'day',   'usage_date', ARRAY['request_type', 'provider', 'model_used'], NULL,            NULL,
            NULL::text[], NULL),
        (2, 'ai_usage_daily_by_user',       'day',   'usage_date', ARRAY['user_id'],                                'user_email',    NULL,
            ai_usage_private._ai_usage_user_metrics(), 'ai_usage_daily_active_users'),
        (3, 'ai_usage_daily_by_customer',   'day',   'usage_date', ARRAY['customer_id', 'user_id'],                 'customer_name', 'r.customer_id IS NOT NULL',
            ai_usage_private._ai_usage_customer_metrics(), NULL),
        (4, 'ai_usage_summary',             'month', 'month',      ARRAY['user_id'],                                'user_email',    NULL,
            ai_usage_private._ai_usage_user_metrics(), NULL),
        (5, 'ai_usage_monthly_by_customer', 'month', 'month',      ARRAY['customer_id', 'user_id'],                 'customer_name', 'r.customer_id IS NOT NULL',
            ai_usage_private._ai_usage_customer_metrics(), NULL)
$$;

-- What the per-user summaries count: requests by outcome, tokens and cost per bucket.
CREATE FUNCTION ai_usage_private._ai_usage_user_metrics() RETURNS text[]
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    RETURN ARRAY['requests'::text, 'successful_requests'::text, 'failed_requests'::text, 'unpriced_requests'::text, 'input_tokens'::text, 'output_tokens'::text, 'cache_write_5m_tokens'::text, 'cache_write_1h_tokens'::text, 'cache_read_tokens'::text, 'total_tokens'::text, 'successful_tokens'::text, 'input_cost_usd'::text, 'output_cost_usd'::text, 'cache_write_cost_usd'::text, 'cache_read_cost_usd'::text, 'total_cost_usd'::text];

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_customer_metrics() FROM PUBLIC, anon, authenticated, service_role;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_summary_metrics() FROM PUBLIC, anon, authenticated, service_role;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_summary_tables() FROM PUBLIC, anon, authenticated, service_role;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_user_metrics() FROM PUBLIC, anon, authenticated, service_role;
