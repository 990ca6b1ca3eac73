-- Per day, request type, provider and model: totals, trends, by type, by model, unpriced models.
-- A summary table: kept equal to ai_usage_log by the statement triggers of
-- generated/summary-triggers.sql, in the same transaction as every write; what it counts is said in
-- functions/summaries/description.sql. Reports read summaries, never the log. No policy: only the
-- reports (SECURITY DEFINER) and the server read it.
-- Rows are updated in place all day long: room is left on each page (fillfactor 80) so that most
-- updates are HOT (no index churn, fewer dead tuples).
CREATE TABLE public.ai_usage_daily_by_model (
    usage_date date NOT NULL,
    request_type text NOT NULL,
    provider text NOT NULL,
    model_used text NOT NULL,
    requests bigint DEFAULT 0 NOT NULL,
    successful_requests bigint DEFAULT 0 NOT NULL,
    failed_requests bigint DEFAULT 0 NOT NULL,
    unpriced_requests bigint DEFAULT 0 NOT NULL,
    priced_successful_requests bigint DEFAULT 0 NOT NULL,
    input_tokens bigint DEFAULT 0 NOT NULL,
    output_tokens bigint DEFAULT 0 NOT NULL,
    cache_write_5m_tokens bigint DEFAULT 0 NOT NULL,
    cache_write_1h_tokens bigint DEFAULT 0 NOT NULL,
    cache_read_tokens bigint DEFAULT 0 NOT NULL,
    total_tokens bigint DEFAULT 0 NOT NULL,
    successful_tokens bigint DEFAULT 0 NOT NULL,
    input_cost_usd numeric(24,12) DEFAULT 0 NOT NULL,
    output_cost_usd numeric(24,12) DEFAULT 0 NOT NULL,
    cache_write_cost_usd numeric(24,12) DEFAULT 0 NOT NULL,
    cache_read_cost_usd numeric(24,12) DEFAULT 0 NOT NULL,
    total_cost_usd numeric(24,12) DEFAULT 0 NOT NULL,
    successful_cost_usd numeric(24,12) DEFAULT 0 NOT NULL,
    cache_savings_usd numeric(24,12) DEFAULT 0 NOT NULL,
    unpriced_tokens bigint DEFAULT 0 NOT NULL,
    latency_ms_sum bigint DEFAULT 0 NOT NULL,
    latency_count bigint DEFAULT 0 NOT NULL,
    successful_latency_ms_sum bigint DEFAULT 0 NOT NULL,
    successful_latency_count bigint DEFAULT 0 NOT NULL,
    last_request_at timestamp(6) with time zone NOT NULL
)
WITH (fillfactor='80');

COMMENT ON TABLE public.ai_usage_daily_by_model IS 'Per day (reporting zone), request type and model: totals, trends, by type, by model, unpriced models, cost summary.';

ALTER TABLE ONLY public.ai_usage_daily_by_model
    ADD CONSTRAINT ai_usage_daily_by_model_pkey PRIMARY KEY (usage_date, request_type, provider, model_used);

ALTER TABLE public.ai_usage_daily_by_model ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.ai_usage_daily_by_model FROM PUBLIC, anon, authenticated, service_role;
GRANT SELECT ON TABLE public.ai_usage_daily_by_model TO service_role;
