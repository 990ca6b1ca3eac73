-- The alerts outbox: one row per budget, period and threshold crossed, written in the transaction
-- whose usage crossed it (the unique key makes it exactly once, however many writers race). A
-- dispatcher claims undelivered rows (claim_ai_usage_budget_alerts) and marks them delivered.
CREATE TABLE public.ai_usage_budget_alerts (
    id bigint GENERATED ALWAYS AS IDENTITY,
    budget_id bigint NOT NULL,
    period_start timestamptz(6) NOT NULL,
    threshold_percent integer NOT NULL,
    limit_usd numeric(14,6) NOT NULL,
    spent_usd numeric(24,12) NOT NULL,
    created_at timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    delivered_at timestamptz(6),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_error text,

    CONSTRAINT ai_usage_budget_alerts_pkey PRIMARY KEY (id),
    CONSTRAINT ai_usage_budget_alerts_once_key UNIQUE (budget_id, period_start, threshold_percent),
    CONSTRAINT ai_usage_budget_alerts_budget_id_fkey FOREIGN KEY (budget_id)
        REFERENCES public.ai_usage_budgets (id) ON DELETE CASCADE,
    CONSTRAINT ai_usage_budget_alerts_last_error_check CHECK (length(last_error) <= 2000)
);

COMMENT ON TABLE public.ai_usage_budget_alerts IS 'Outbox: a budget crossed a threshold in a period (once each). Delivered by a dispatcher (SDK) through claim_ai_usage_budget_alerts / complete_ai_usage_budget_alert; also announced with pg_notify(''ai_usage_budget_alert'').';

-- The dispatcher's claim: undelivered alerts that are due.
CREATE INDEX ai_usage_budget_alerts_due_idx ON public.ai_usage_budget_alerts (next_attempt_at)
    WHERE delivered_at IS NULL;
-- The dashboard's recent alerts.
CREATE INDEX ai_usage_budget_alerts_created_at_idx ON public.ai_usage_budget_alerts (created_at DESC);

ALTER TABLE public.ai_usage_budget_alerts ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON TABLE public.ai_usage_budget_alerts FROM PUBLIC, anon, authenticated, service_role;
GRANT SELECT ON TABLE public.ai_usage_budget_alerts TO service_role;
REVOKE ALL ON SEQUENCE public.ai_usage_budget_alerts_id_seq FROM PUBLIC, anon, authenticated, service_role;
