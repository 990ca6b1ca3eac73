-- Per day, customer and user (rows with a customer only). Index (customer_id, usage_date): one
-- customer's rows for the top customers. Key columns only, so updates stay HOT.
-- A summary table: kept equal to ai_usage_log by the statement triggers of
-- generated/summary-triggers.sql, in the same transaction as every write; what it counts is said in
-- functions/summaries/description.sql. Reports read summaries, never the log. No policy: only the
-- reports (SECURITY DEFINER) and the server read it.
-- Rows are updated in place all day long: room is left on each page (fillfactor 80) so that most
-- updates are HOT (no index churn, fewer dead tuples).
CREATE TABLE public.ai_usage_daily_by_customer (
    usage_date date NOT NULL,
    customer_id integer NOT NULL,
    user_id uuid NOT NULL,
    customer_name text,
    customer_name_at timestamp(6) with time zone,
    requests bigint DEFAULT 0 NOT NULL,
    unpriced_requests bigint DEFAULT 0 NOT NULL,
    total_tokens bigint DEFAULT 0 NOT NULL,
    total_cost_usd numeric(24,12) DEFAULT 0 NOT NULL,
    last_request_at timestamp(6) with time zone NOT NULL
)
WITH (fillfactor='80');

COMMENT ON TABLE public.ai_usage_daily_by_customer IS 'Per day (reporting zone), customer and user (rows with a customer only): top customers with their distinct users.';

ALTER TABLE ONLY public.ai_usage_daily_by_customer
    ADD CONSTRAINT ai_usage_daily_by_customer_pkey PRIMARY KEY (usage_date, customer_id, user_id);

CREATE INDEX ai_usage_daily_by_customer_customer_id_usage_date_idx ON public.ai_usage_daily_by_customer USING btree (customer_id, usage_date);

ALTER TABLE public.ai_usage_daily_by_customer ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.ai_usage_daily_by_customer FROM PUBLIC, anon, authenticated, service_role;
GRANT SELECT ON TABLE public.ai_usage_daily_by_customer TO service_role;
