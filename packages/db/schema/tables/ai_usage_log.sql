-- The usage log: one row per AI request, append-only except for its price columns.
-- Written only through log_ai_usage / log_ai_usage_batch (ingest/), which validate every field
-- first (ingest/event-problems.sql); the CHECKs below are the last line, for writes by the owner.
-- Every write is folded into the summaries by the statement triggers in
-- generated/summary-triggers.sql, in the same transaction.
CREATE TABLE public.ai_usage_log (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    request_id text NOT NULL DEFAULT (gen_random_uuid())::text,
    user_id uuid NOT NULL,
    user_email text,
    customer_id integer,
    customer_name text,
    request_type text NOT NULL DEFAULT 'report',
    session_id text,
    provider text NOT NULL DEFAULT 'unknown',
    model_used text NOT NULL DEFAULT 'claude-sonnet-4-20250514',
    input_tokens integer NOT NULL DEFAULT 0,
    output_tokens integer NOT NULL DEFAULT 0,
    cache_write_5m_tokens integer NOT NULL DEFAULT 0,
    cache_write_1h_tokens integer NOT NULL DEFAULT 0,
    cache_read_tokens integer NOT NULL DEFAULT 0,
    -- Every bucket counts.
    total_tokens bigint NOT NULL GENERATED ALWAYS AS (
        input_tokens::bigint + output_tokens + cache_write_5m_tokens + cache_write_1h_tokens + cache_read_tokens
    ) STORED,
    -- The catalog entry and unit rates this row was priced with (NULL = unpriced: no catalog entry).
    price_id bigint,
    input_price_per_mtok numeric(12,6),
    output_price_per_mtok numeric(12,6),
    cache_write_5m_price_per_mtok numeric(12,6),
    cache_write_1h_price_per_mtok numeric(12,6),
    cache_read_price_per_mtok numeric(12,6),
    -- Costs are tokens x stored rate, generated, so they can never disagree with the rates, and a
    -- later price change never rewrites history unless an admin re-prices on purpose.
    input_cost_usd numeric(20,12) GENERATED ALWAYS AS (
        (input_tokens * input_price_per_mtok / 1000000)::numeric(20,12)) STORED,
    output_cost_usd numeric(20,12) GENERATED ALWAYS AS (
        (output_tokens * output_price_per_mtok / 1000000)::numeric(20,12)) STORED,
    cache_write_cost_usd numeric(20,12) GENERATED ALWAYS AS (
        ((cache_write_5m_tokens * cache_write_5m_price_per_mtok
          + cache_write_1h_tokens * cache_write_1h_price_per_mtok) / 1000000)::numeric(20,12)) STORED,
    cache_read_cost_usd numeric(20,12) GENERATED ALWAYS AS (
        (cache_read_tokens * cache_read_price_per_mtok / 1000000)::numeric(20,12)) STORED,
    total_cost_usd numeric(20,12) GENERATED ALWAYS AS (
        ((input_tokens * input_price_per_mtok + output_tokens * output_price_per_mtok
          + cache_write_5m_tokens * cache_write_5m_price_per_mtok
          + cache_write_1h_tokens * cache_write_1h_price_per_mtok
          + cache_read_tokens * cache_read_price_per_mtok) / 1000000)::numeric(20,12)) STORED,
    latency_ms integer,
    tool_turns integer NOT NULL DEFAULT 0,
    status text NOT NULL DEFAULT 'success',
    error_message text,
    created_at timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    budget_hold_id uuid,
    -- The service tier the provider ran the request at (or the caller stated, for batch results);
    -- its price is the catalog entry of that tier. Checked by ingest (event-problems.sql); no CHECK
    -- here, whose validation would scan the whole log when added.
    service_tier text NOT NULL DEFAULT 'standard',

    CONSTRAINT ai_usage_log_pkey PRIMARY KEY (id),
    CONSTRAINT ai_usage_log_tokens_check CHECK (
        input_tokens BETWEEN 0 AND 100000000 AND output_tokens BETWEEN 0 AND 100000000
        AND cache_write_5m_tokens BETWEEN 0 AND 100000000 AND cache_write_1h_tokens BETWEEN 0 AND 100000000
        AND cache_read_tokens BETWEEN 0 AND 100000000 AND tool_turns BETWEEN 0 AND 100000000),
    CONSTRAINT ai_usage_log_latency_check CHECK (latency_ms IS NULL OR latency_ms BETWEEN 0 AND 86400000),
    CONSTRAINT ai_usage_log_status_check CHECK (status IN ('success', 'error')),
    CONSTRAINT ai_usage_log_text_check CHECK (
        length(request_type) BETWEEN 1 AND 64 AND length(request_id) BETWEEN 1 AND 200
        AND length(model_used) BETWEEN 1 AND 200 AND length(provider) BETWEEN 1 AND 64
        AND (session_id IS NULL OR length(session_id) <= 200)
        AND (user_email IS NULL OR length(user_email) <= 320)
        AND (customer_name IS NULL OR length(customer_name) <= 200)
        AND (error_message IS NULL OR length(error_message) <= 4000)),
    -- Rates come all together from one catalog entry, or not at all, and are never negative: the
    -- dashboard's ranking bounds a user's cost over part of a month by the whole month's
    -- (reports/rankings.sql), which holds only if no request costs less than nothing.
    CONSTRAINT ai_usage_log_price_check CHECK (
        (input_price_per_mtok IS NULL) = (output_price_per_mtok IS NULL)
        AND (input_price_per_mtok IS NULL) = (cache_write_5m_price_per_mtok IS NULL)
        AND (input_price_per_mtok IS NULL) = (cache_write_1h_price_per_mtok IS NULL)
        AND (input_price_per_mtok IS NULL) = (cache_read_price_per_mtok IS NULL)
        AND input_price_per_mtok >= 0 AND output_price_per_mtok >= 0 AND cache_write_5m_price_per_mtok >= 0
        AND cache_write_1h_price_per_mtok >= 0 AND cache_read_price_per_mtok >= 0),
    -- Copies of catalog rates, which cannot be NaN; this closes the path of a direct owner write.
    CONSTRAINT ai_usage_log_rates_finite_check CHECK (
        input_price_per_mtok IS NULL OR (
            input_price_per_mtok <> 'NaN' AND output_price_per_mtok <> 'NaN'
            AND cache_write_5m_price_per_mtok <> 'NaN' AND cache_write_1h_price_per_mtok <> 'NaN'
            AND cache_read_price_per_mtok <> 'NaN'))
);

-- The idempotency key: a retried request id stores nothing new.
CREATE UNIQUE INDEX ai_usage_log_request_id_key ON public.ai_usage_log (request_id);
-- A user's history, newest first (get_user_ai_usage recent_requests; RLS reads of one's own rows).
CREATE INDEX ai_usage_log_user_id_created_at_idx ON public.ai_usage_log (user_id, created_at DESC);
-- A customer's history (audit: what was done while helping a customer).
CREATE INDEX ai_usage_log_customer_id_created_at_idx ON public.ai_usage_log (customer_id, created_at DESC);
-- Re-pricing one model over a period.
CREATE INDEX ai_usage_log_model_used_created_at_idx ON public.ai_usage_log (model_used, created_at);
-- The latest unpriced request of a model (unpriced_models). Partial: it holds only unpriced rows,
-- which should be few, and it shrinks as models get priced.
CREATE INDEX ai_usage_log_unpriced_model_used_created_at_idx ON public.ai_usage_log (model_used, created_at)
    WHERE total_cost_usd IS NULL;
-- Time-range scans. BRIN, not btree: rows arrive in time order, so a few pages of BRIN serve what a
-- btree would at a fraction of its ingest cost. Dashboards read the summaries, not this.
CREATE INDEX ai_usage_log_created_at_idx ON public.ai_usage_log USING brin (created_at);

COMMENT ON TABLE public.ai_usage_log IS 'Tracks all AI API requests by actual logged-in user (not customer context). Write through log_ai_usage / log_ai_usage_batch; rows are append-only except for re-pricing.';
COMMENT ON COLUMN public.ai_usage_log.request_id IS 'Idempotency key: the provider''s message id, or one made by the caller. Logging the same id twice stores one row.';
COMMENT ON COLUMN public.ai_usage_log.user_id IS 'The actual logged-in user who made the request (admin or customer user)';
COMMENT ON COLUMN public.ai_usage_log.customer_id IS 'The customer context being viewed - for audit trail only';
COMMENT ON COLUMN public.ai_usage_log.input_tokens IS 'Uncached input tokens only; cache writes and reads have their own columns (buckets are disjoint).';
COMMENT ON COLUMN public.ai_usage_log.total_tokens IS 'input + output + cache writes (5m, 1h) + cache reads.';
COMMENT ON COLUMN public.ai_usage_log.budget_hold_id IS 'The budget hold (reserve_ai_usage) this request settled, if any; not a foreign key, since a hold may be pruned while the row stays.';
COMMENT ON COLUMN public.ai_usage_log.service_tier IS 'The service tier of the request (standard, batch, flex, priority, fast): from the provider''s response, or stated by the caller for batch results. Priced by the catalog entry of that tier (standard when the catalog has none).';
COMMENT ON COLUMN public.ai_usage_log.total_cost_usd IS 'Sum of the bucket costs at the rates stored on this row (from ai_model_prices at created_at); NULL when the model is unpriced.';

-- Append-only: an UPDATE may change the price columns (re-pricing) and nothing else
-- (ingest/append-only.sql). The summary triggers are in generated/summary-triggers.sql.
CREATE TRIGGER ai_usage_log_append_only
    BEFORE UPDATE ON public.ai_usage_log
    FOR EACH ROW EXECUTE FUNCTION ai_usage_private._ai_usage_log_before_update();
-- TRUNCATE of the log empties the summaries with it.
CREATE TRIGGER ai_usage_log_summaries_after_truncate
    AFTER TRUNCATE ON public.ai_usage_log
    FOR EACH STATEMENT EXECUTE FUNCTION ai_usage_private._ai_usage_log_after_truncate();

-- Budgets (functions/budgets/after-usage.sql): settle the holds the rows name, write the alerts
-- they cross. Named "then_budgets" so they fire after the summary triggers (name order).
CREATE TRIGGER ai_usage_log_then_budgets_after_insert
    AFTER INSERT ON public.ai_usage_log
    REFERENCING NEW TABLE AS written_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ai_usage_private._ai_usage_log_then_budgets();
CREATE TRIGGER ai_usage_log_then_budgets_after_update
    AFTER UPDATE ON public.ai_usage_log
    REFERENCING NEW TABLE AS written_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ai_usage_private._ai_usage_log_then_budgets();

-- Users read their own rows; admins all. Writes only through the ingest functions.
ALTER TABLE public.ai_usage_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can view own usage; admins view all" ON public.ai_usage_log
    FOR SELECT TO authenticated
    USING (user_id = (SELECT auth.uid() AS uid) OR (SELECT public.is_ai_usage_admin() AS is_ai_usage_admin));

REVOKE ALL ON TABLE public.ai_usage_log FROM PUBLIC, anon, authenticated, service_role;
GRANT SELECT ON TABLE public.ai_usage_log TO authenticated, service_role;
