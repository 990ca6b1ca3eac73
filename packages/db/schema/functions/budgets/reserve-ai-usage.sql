-- Admission: decides whether a request may go to the provider, before it is made, and if so sets
-- its maximum cost aside as a hold. Server only: the server knows who the caller is and what the
-- request may cost; a user could otherwise fill shared budgets with holds of their own.
--
-- The promise (README "Budgets"): with holds that are true upper bounds, the spend settled against
-- a hard budget never exceeds its limit, however many callers race, and no request is refused
-- while the budget has room for it. How:
--   1. the period rows of every budget covering the caller are locked, in budget id order (the
--      usage triggers lock them in the same order, after the summary rows, so nobody deadlocks);
--   2. then, in one statement (one snapshot, so that a usage row and the settling of its hold are
--      seen together or not at all), spent (summaries) + held (open holds) + this request's bound
--      is compared with each hard budget's limit;
--   3. the hold is written before the locks are released (at commit), so the next caller of the
--      same budget, who waited on the lock, sees it.
-- Admission runs under READ COMMITTED, where step 2 sees every commit made before the lock was
-- granted; a stricter isolation level would read an older snapshot, so it is refused.
CREATE FUNCTION public.reserve_ai_usage(p_user_id uuid, p_customer_id integer DEFAULT NULL::integer, p_max_cost_usd numeric DEFAULT NULL::numeric, p_model_used text DEFAULT NULL::text, p_max_input_tokens bigint DEFAULT NULL::bigint, p_max_output_tokens bigint DEFAULT NULL::bigint, p_provider text DEFAULT NULL::text, p_ttl_seconds integer DEFAULT 600, p_service_tier text DEFAULT 'standard'::text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
DECLARE
    v_now timestamptz := now();
    v_zone text;
    v_bound numeric;
    v_problem text;
    v_refusal record;
    v_refusing public.ai_usage_budgets;
    v_budget_ids bigint[];
    v_period_starts timestamptz[];
    v_period_ends timestamptz[];
    v_hold_id uuid;
BEGIN
    IF NOT ai_usage_private._ai_usage_caller_is_server() THEN
        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'permission denied: reserve_ai_usage is for the server (service role)';
    END IF;
    v_problem := CASE
        WHEN p_user_id IS NULL THEN 'user_id is required'
        WHEN p_ttl_seconds IS NULL OR p_ttl_seconds NOT BETWEEN 1 AND 86400 THEN 'ttl_seconds must be from 1 to 86400'
        WHEN p_service_tier IS NULL OR NOT p_service_tier = ANY (ai_usage_private.ai_usage_service_tiers())
            THEN format('service_tier must be one of %s', array_to_string(ai_usage_private.ai_usage_service_tiers(), ', '))
        WHEN p_max_cost_usd IS NOT NULL AND NOT (p_max_cost_usd >= 0 AND p_max_cost_usd < 1000000)
            THEN 'max_cost_usd must be a number from 0 to 1000000'
        WHEN p_max_cost_usd IS NULL AND (p_model_used IS NULL OR p_max_input_tokens IS NULL OR p_max_output_tokens IS NULL)
            THEN 'give max_cost_usd, or model_used with max_input_tokens and max_output_tokens, so the request''s cost can be bounded'
        WHEN p_max_input_tokens < 0 OR p_max_output_tokens < 0 OR p_max_input_tokens > 100000000 OR p_max_output_tokens > 100000000
            THEN 'max_input_tokens and max_output_tokens must be from 0 to 100000000'
    END;
    IF v_problem IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = v_problem;
    END IF;
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION USING ERRCODE = '25000',
            MESSAGE = 'reserve_ai_usage must run under READ COMMITTED (it decides on what committed before its lock)';
    END IF;

    -- The budgets covering this caller and their current periods, found once, before any lock is
    -- taken: the lock is held until commit, so only the decision itself runs under it.
    v_zone := ai_usage_private.ai_usage_reporting_time_zone();
    SELECT array_agg(b.id ORDER BY b.id), array_agg(p.period_start ORDER BY b.id),
           array_agg(p.period_end ORDER BY b.id)
    INTO v_budget_ids, v_period_starts, v_period_ends
    FROM ai_usage_private._ai_usage_budgets_covering(p_user_id, p_customer_id, v_now) b
    CROSS JOIN LATERAL ai_usage_private._ai_usage_budget_period(b.period, v_now, v_zone) p;
    -- No budget covers this caller: admitted, nothing to hold (the common case costs one lookup).
    IF v_budget_ids IS NULL THEN
        RETURN jsonb_build_object('admitted', true, 'hold_id', NULL, 'amount_usd', p_max_cost_usd, 'expires_at', NULL);
    END IF;

    -- The request's upper bound: stated, or priced at the rate in force. Input tokens are priced at
    -- the dearest of the input and cache-write rates, since any of them may turn out to be a cache
    -- write; output at the output rate, all at the request's tier and at the long-context rate when
    -- the input bound is above its threshold. NULL: the model has no price.
    v_bound := coalesce(p_max_cost_usd, (
        SELECT (p_max_input_tokens * greatest(p.input_per_mtok, p.cache_write_5m_per_mtok, p.cache_write_1h_per_mtok)
                + p_max_output_tokens * p.output_per_mtok) / 1000000
        FROM ai_usage_private.ai_usage_price_in_force(p_model_used, p_provider, p_service_tier, p_max_input_tokens, v_now) p));

    -- A period's first admission creates its row, before any lock is taken: inserting while
    -- holding another period's lock would wait, out of order, on a writer that inserted the same
    -- row and waits for that lock (a deadlock the race test caught). Rows are never deleted while
    -- their budget exists, so one seen here is still there below.
    IF (SELECT count(*) FROM public.ai_usage_budget_periods bp
        JOIN unnest(v_budget_ids, v_period_starts) AS w(budget_id, period_start)
          ON bp.budget_id = w.budget_id AND bp.period_start = w.period_start) < cardinality(v_budget_ids) THEN
        INSERT INTO public.ai_usage_budget_periods (budget_id, period_start, period_end)
        SELECT w.budget_id, w.period_start, w.period_end
        FROM unnest(v_budget_ids, v_period_starts, v_period_ends) AS w(budget_id, period_start, period_end)
        ORDER BY w.budget_id
        ON CONFLICT (budget_id, period_start) DO NOTHING;
    END IF;
    -- Then the locks, in budget id order.
    PERFORM 1
    FROM public.ai_usage_budget_periods bp
    JOIN unnest(v_budget_ids, v_period_starts) AS w(budget_id, period_start)
      ON bp.budget_id = w.budget_id AND bp.period_start = w.period_start
    ORDER BY bp.budget_id
    FOR UPDATE OF bp;

    -- The first hard budget this request could overrun (soft budgets only alert), decided in one
    -- statement: one snapshot, taken after the locks were granted.
    SELECT b.id, x.spent, x.held INTO v_refusal
    FROM public.ai_usage_budgets b
    JOIN unnest(v_budget_ids, v_period_starts, v_period_ends) AS w(budget_id, period_start, period_end)
      ON w.budget_id = b.id
    CROSS JOIN LATERAL (
        SELECT ai_usage_private._ai_usage_budget_spent(
                   b.scope, b.user_id, b.customer_id,
                   (w.period_start AT TIME ZONE v_zone)::date, (w.period_end AT TIME ZONE v_zone)::date) AS spent,
               ai_usage_private._ai_usage_budget_held(b.scope, b.user_id, b.customer_id) AS held) x
    WHERE b.mode = 'hard' AND (v_bound IS NULL OR x.spent + x.held + v_bound > b.limit_usd)
    ORDER BY b.id
    LIMIT 1;
    IF FOUND THEN
        SELECT * INTO v_refusing FROM public.ai_usage_budgets b WHERE b.id = v_refusal.id;
        RETURN jsonb_build_object(
            'admitted', false,
            'reason', CASE WHEN v_bound IS NULL THEN 'unpriced_model' ELSE 'budget_exceeded' END,
            -- The figures the decision was made on, unrounded: spent + held + request > limit
            -- can be checked from the answer itself (rounded, a refusal by a fraction of a
            -- micro-dollar would read as spent + held + request = limit).
            'budget', ai_usage_private._ai_usage_budget_status(v_refusing, true)
                      || jsonb_build_object('spent_usd', v_refusal.spent, 'held_usd', v_refusal.held,
                                            'request_usd', v_bound));
    END IF;

    INSERT INTO public.ai_usage_budget_holds (user_id, customer_id, amount_usd, model_used, created_at, expires_at)
    VALUES (p_user_id, p_customer_id, coalesce(v_bound, 0), p_model_used, v_now,
            v_now + make_interval(secs => p_ttl_seconds))
    RETURNING id INTO v_hold_id;
    RETURN jsonb_build_object('admitted', true, 'hold_id', v_hold_id, 'amount_usd', round(coalesce(v_bound, 0), 12),
                              'expires_at', v_now + make_interval(secs => p_ttl_seconds));
END;
$$;

COMMENT ON FUNCTION public.reserve_ai_usage(p_user_id uuid, p_customer_id integer, p_max_cost_usd numeric, p_model_used text, p_max_input_tokens bigint, p_max_output_tokens bigint, p_provider text, p_ttl_seconds integer, p_service_tier text) IS 'Server: admits a request against every budget covering the user (and customer) and holds its maximum cost until its usage is logged with budget_hold_id, it is released, or the hold expires (p_ttl_seconds). Refusal names the budget, its limit, spent, held and resets_at.';

-- Upstream failure: the request will never be logged, so its hold stops counting now rather than at
-- expiry.
CREATE FUNCTION public.release_ai_usage_hold(p_hold_id uuid) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
BEGIN
    IF NOT ai_usage_private._ai_usage_caller_is_server() THEN
        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'permission denied: release_ai_usage_hold is for the server (service role)';
    END IF;
    UPDATE public.ai_usage_budget_holds h SET released_at = now()
    WHERE h.id = p_hold_id AND h.settled_at IS NULL AND h.released_at IS NULL AND h.expires_at > now();
    RETURN FOUND;
END;
$$;

COMMENT ON FUNCTION public.release_ai_usage_hold(p_hold_id uuid) IS 'Server: releases an open hold (its request failed and will not be logged). True when an open hold was released.';

REVOKE ALL ON FUNCTION public.reserve_ai_usage(p_user_id uuid, p_customer_id integer, p_max_cost_usd numeric, p_model_used text, p_max_input_tokens bigint, p_max_output_tokens bigint, p_provider text, p_ttl_seconds integer, p_service_tier text) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.reserve_ai_usage(p_user_id uuid, p_customer_id integer, p_max_cost_usd numeric, p_model_used text, p_max_input_tokens bigint, p_max_output_tokens bigint, p_provider text, p_ttl_seconds integer, p_service_tier text) TO authenticated;
GRANT ALL ON FUNCTION public.reserve_ai_usage(p_user_id uuid, p_customer_id integer, p_max_cost_usd numeric, p_model_used text, p_max_input_tokens bigint, p_max_output_tokens bigint, p_provider text, p_ttl_seconds integer, p_service_tier text) TO service_role;

REVOKE ALL ON FUNCTION public.release_ai_usage_hold(p_hold_id uuid) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.release_ai_usage_hold(p_hold_id uuid) TO authenticated;
GRANT ALL ON FUNCTION public.release_ai_usage_hold(p_hold_id uuid) TO service_role;
