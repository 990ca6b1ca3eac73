-- One row per budget and period that anyone reserved against or logged into: the row admission
-- locks (FOR UPDATE), so that two reservations against one budget period are decided one after the
-- other, each seeing the other's hold. It carries no counter: spent comes from the summaries and
-- held from the open holds, so there is nothing here that could drift (README "Budgets").
CREATE TABLE public.ai_usage_budget_periods (
    budget_id bigint NOT NULL,
    period_start timestamptz(6) NOT NULL,
    period_end timestamptz(6) NOT NULL,
    created_at timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT ai_usage_budget_periods_pkey PRIMARY KEY (budget_id, period_start),
    CONSTRAINT ai_usage_budget_periods_budget_id_fkey FOREIGN KEY (budget_id)
        REFERENCES public.ai_usage_budgets (id) ON DELETE CASCADE,
    CONSTRAINT ai_usage_budget_periods_bounds_check CHECK (period_end > period_start)
);

COMMENT ON TABLE public.ai_usage_budget_periods IS 'The lock row of a budget period: reserve_ai_usage and the usage that settles holds or crosses alert thresholds lock it, in budget id order, after the summary rows.';

ALTER TABLE public.ai_usage_budget_periods ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON TABLE public.ai_usage_budget_periods FROM PUBLIC, anon, authenticated, service_role;
GRANT SELECT ON TABLE public.ai_usage_budget_periods TO service_role;
