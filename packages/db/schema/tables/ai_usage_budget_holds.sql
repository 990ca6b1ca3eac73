-- A hold: what reserve_ai_usage set aside for a request in flight, at most its cost. It counts
-- against every budget covering its user (and customer) while open: not settled (its usage was
-- logged with budget_hold_id), not released (the provider call failed), and not expired. Expiry
-- needs no job: an expired hold simply stops matching "open".
CREATE TABLE public.ai_usage_budget_holds (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL,
    customer_id integer,
    amount_usd numeric(20,12) NOT NULL,
    model_used text,
    created_at timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at timestamptz(6) NOT NULL,
    settled_at timestamptz(6),
    settled_request_id text,
    released_at timestamptz(6),

    CONSTRAINT ai_usage_budget_holds_pkey PRIMARY KEY (id),
    CONSTRAINT ai_usage_budget_holds_amount_check CHECK (amount_usd >= 0),
    CONSTRAINT ai_usage_budget_holds_expiry_check CHECK (expires_at > created_at)
);

COMMENT ON TABLE public.ai_usage_budget_holds IS 'Upper bounds of the cost of requests in flight (reserve_ai_usage). Open = not settled, not released, not expired; open holds count against budgets until the usage is logged with budget_hold_id.';

-- Admission sums the open holds of one user, one customer or everyone: only unsettled, unreleased
-- holds are indexed, which are the requests in flight plus those that expired unsettled.
CREATE INDEX ai_usage_budget_holds_open_user_idx ON public.ai_usage_budget_holds (user_id, expires_at)
    WHERE settled_at IS NULL AND released_at IS NULL;
CREATE INDEX ai_usage_budget_holds_open_customer_idx ON public.ai_usage_budget_holds (customer_id, expires_at)
    WHERE settled_at IS NULL AND released_at IS NULL AND customer_id IS NOT NULL;
CREATE INDEX ai_usage_budget_holds_open_expires_idx ON public.ai_usage_budget_holds (expires_at)
    WHERE settled_at IS NULL AND released_at IS NULL;

ALTER TABLE public.ai_usage_budget_holds ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON TABLE public.ai_usage_budget_holds FROM PUBLIC, anon, authenticated, service_role;
GRANT SELECT ON TABLE public.ai_usage_budget_holds TO service_role;
