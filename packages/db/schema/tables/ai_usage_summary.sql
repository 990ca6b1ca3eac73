-- The monthly per-user summary of the original design. Index (user_id, month): the dashboard's top
-- users read their own months.
-- A summary table: kept equal to ai_usage_log by the statement triggers of
-- generated/summary-triggers.sql, in the same transaction as every write; what it counts is said in
-- functions/summaries/description.sql. Reports read summaries, never the log. No policy: only the
-- reports (SECURITY DEFINER) and the server read it.
-- Rows are updated in place all day long: room is left on each page (fillfactor 80) so that most
-- updates are HOT (no index churn, fewer dead tuples).
CREATE TABLE public.ai_usage_summary (
    month date NOT NULL,
    user_id uuid NOT NULL,
    user_email text,
    user_email_at timestamp(6) with time zone,
    requests bigint DEFAULT 0 NOT NULL,
    successful_requests bigint DEFAULT 0 NOT NULL,
    failed_requests bigint DEFAULT 0 NOT NULL,
    unpriced_requests bigint DEFAULT 0 NOT NULL,
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
    last_request_at timestamp(6) with time zone NOT NULL
)
WITH (fillfactor='80');

COMMENT ON TABLE public.ai_usage_summary IS 'The monthly per-user summary promised by the spec (month = first day, reporting zone): requests, successes, failures, tokens and cost per bucket, unpriced requests.';

ALTER TABLE ONLY public.ai_usage_summary
    ADD CONSTRAINT ai_usage_summary_pkey PRIMARY KEY (month, user_id);

CREATE INDEX ai_usage_summary_user_id_month_idx ON public.ai_usage_summary USING btree (user_id, month);

ALTER TABLE public.ai_usage_summary ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.ai_usage_summary FROM PUBLIC, anon, authenticated, service_role;
GRANT SELECT ON TABLE public.ai_usage_summary TO service_role;
