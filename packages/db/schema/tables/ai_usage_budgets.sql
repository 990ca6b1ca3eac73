-- Budgets: a limit in USD on what a scope may spend per period (functions/budgets/, README
-- "Budgets"). Rows are never updated in place but to end them (effective_to): a changed limit is a
-- new row, so what was in force when is kept. Written only through set_ai_usage_budget and
-- end_ai_usage_budget; read through list_ai_usage_budgets and get_ai_usage_budget_status.
CREATE TABLE public.ai_usage_budgets (
    id bigint GENERATED ALWAYS AS IDENTITY,
    name text,
    scope text NOT NULL,
    user_id uuid,
    customer_id integer,
    period text NOT NULL,
    limit_usd numeric(14,6) NOT NULL,
    mode text NOT NULL DEFAULT 'hard',
    thresholds integer[] NOT NULL DEFAULT '{50,80,100}',
    effective_from timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    effective_to timestamptz(6),
    created_at timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_by uuid,

    CONSTRAINT ai_usage_budgets_pkey PRIMARY KEY (id),
    CONSTRAINT ai_usage_budgets_scope_check CHECK (scope IN ('project', 'customer', 'user', 'user_in_customer')),
    -- Each scope names exactly the ids it is about, so "which budgets cover this caller" is a
    -- plain equality on both columns.
    CONSTRAINT ai_usage_budgets_scope_ids_check CHECK (
        (user_id IS NOT NULL) = (scope IN ('user', 'user_in_customer'))
        AND (customer_id IS NOT NULL) = (scope IN ('customer', 'user_in_customer'))),
    CONSTRAINT ai_usage_budgets_period_check CHECK (period IN ('day', 'week', 'month')),
    CONSTRAINT ai_usage_budgets_limit_check CHECK (limit_usd > 0),
    CONSTRAINT ai_usage_budgets_mode_check CHECK (mode IN ('hard', 'soft')),
    CONSTRAINT ai_usage_budgets_name_check CHECK (length(name) <= 200),
    CONSTRAINT ai_usage_budgets_thresholds_check CHECK (
        cardinality(thresholds) <= 10 AND 0 < ALL (thresholds) AND 1000 >= ALL (thresholds)),
    CONSTRAINT ai_usage_budgets_effective_check CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

COMMENT ON TABLE public.ai_usage_budgets IS 'Spend limits per scope (project, customer, user, user within a customer) and period (day, week, calendar month in the reporting time zone). hard: reserve_ai_usage refuses requests that could exceed the limit; soft: alerts only. Change them with set_ai_usage_budget / end_ai_usage_budget.';
COMMENT ON COLUMN public.ai_usage_budgets.thresholds IS 'Percents of the limit at which an alert is written once per period (ai_usage_budget_alerts).';
COMMENT ON COLUMN public.ai_usage_budgets.effective_to IS 'NULL: in force until ended. Ending a budget keeps its row (history).';

-- Admission looks up the budgets in force for one caller: by user, by customer, and the project's.
CREATE INDEX ai_usage_budgets_user_id_idx ON public.ai_usage_budgets (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX ai_usage_budgets_customer_id_idx ON public.ai_usage_budgets (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX ai_usage_budgets_project_idx ON public.ai_usage_budgets (effective_to) WHERE scope = 'project';

-- No policy: read and written only through the budget functions (SECURITY DEFINER).
ALTER TABLE public.ai_usage_budgets ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON TABLE public.ai_usage_budgets FROM PUBLIC, anon, authenticated, service_role;
GRANT SELECT ON TABLE public.ai_usage_budgets TO service_role;
REVOKE ALL ON SEQUENCE public.ai_usage_budgets_id_seq FROM PUBLIC, anon, authenticated, service_role;
