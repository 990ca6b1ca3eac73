CREATE TABLE public.ai_usage_monthly_by_customer (
    month date NOT NULL,
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

COMMENT ON TABLE public.ai_usage_monthly_by_customer IS 'Per month (reporting zone), customer and user: whole months of long report windows.';

ALTER TABLE ONLY public.ai_usage_monthly_by_customer
    ADD CONSTRAINT ai_usage_monthly_by_customer_pkey PRIMARY KEY (month, customer_id, user_id);

CREATE INDEX ai_usage_monthly_by_customer_customer_id_month_idx ON public.ai_usage_monthly_by_customer USING btree (customer_id, month);

ALTER TABLE public.ai_usage_monthly_by_customer ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.ai_usage_monthly_by_customer FROM PUBLIC, anon, authenticated, service_role;
GRANT SELECT ON TABLE public.ai_usage_monthly_by_customer TO service_role;
