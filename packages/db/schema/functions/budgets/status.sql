-- A budget's state in its current period, as the JSON object every budget function returns
-- (docs/database-api.md "Budgets"). p_full = false hides the figures of a shared budget (project,
-- customer) from an end user: they learn whether it is exhausted and when it resets, not what
-- everyone else spent.
CREATE FUNCTION ai_usage_private._ai_usage_budget_status(p_budget public.ai_usage_budgets, p_full boolean) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
DECLARE
    v_period record;
    v_spent numeric;
    v_held numeric;
    v_elapsed numeric;
    v_status jsonb;
BEGIN
    SELECT * INTO v_period
    FROM ai_usage_private._ai_usage_budget_period(p_budget.period, now(), ai_usage_private.ai_usage_reporting_time_zone());
    v_spent := ai_usage_private._ai_usage_budget_spent(p_budget.scope, p_budget.user_id, p_budget.customer_id,
                                                      v_period.first_day, v_period.next_day);
    v_held := ai_usage_private._ai_usage_budget_held(p_budget.scope, p_budget.user_id, p_budget.customer_id);
    -- Days elapsed in the period, at least one minute's worth so that a projection made in the
    -- period's first seconds is not a division by (almost) zero.
    v_elapsed := greatest(extract(epoch FROM now() - v_period.period_start), 60)
                 / extract(epoch FROM v_period.period_end - v_period.period_start);
    v_status := jsonb_build_object(
        'budget_id', p_budget.id,
        'name', p_budget.name,
        'scope', p_budget.scope,
        'user_id', p_budget.user_id,
        'user_email', (SELECT s.user_email FROM public.ai_usage_summary s
                       WHERE s.user_id = p_budget.user_id AND s.user_email IS NOT NULL
                       ORDER BY s.month DESC LIMIT 1),
        'customer_id', p_budget.customer_id,
        'customer_name', (SELECT c.customer_name FROM public.ai_usage_monthly_by_customer c
                          WHERE c.customer_id = p_budget.customer_id AND c.customer_name IS NOT NULL
                          ORDER BY c.month DESC, c.customer_name_at DESC LIMIT 1),
        'period', p_budget.period,
        'mode', p_budget.mode,
        'limit_usd', p_budget.limit_usd,
        'thresholds', to_jsonb(p_budget.thresholds),
        'effective_from', p_budget.effective_from,
        'effective_to', p_budget.effective_to,
        'period_start', v_period.period_start,
        'resets_at', v_period.period_end,
        -- The zone the period's days are counted in, so that a client can say "resets 1 January"
        -- of the right day whatever its own zone (the instants above are printed in the session's).
        'time_zone', ai_usage_private.ai_usage_reporting_time_zone(),
        'spent_usd', round(v_spent, 6),
        'held_usd', round(v_held, 6),
        'remaining_usd', round(greatest(p_budget.limit_usd - v_spent - v_held, 0), 6),
        'percent_used', round(100 * v_spent / p_budget.limit_usd, 2),
        'burn_rate_usd_per_day', round(v_spent / (v_elapsed * extract(epoch FROM v_period.period_end - v_period.period_start) / 86400), 6),
        'projected_usd', round(v_spent / v_elapsed, 6),
        'exhausted', v_spent + v_held >= p_budget.limit_usd);
    IF NOT p_full AND p_budget.scope IN ('project', 'customer') THEN
        v_status := v_status || jsonb_build_object('limit_usd', NULL, 'spent_usd', NULL, 'held_usd', NULL,
            'remaining_usd', NULL, 'percent_used', NULL, 'burn_rate_usd_per_day', NULL, 'projected_usd', NULL,
            'customer_name', NULL);
    END IF;
    RETURN v_status;
END;
$$;

COMMENT ON FUNCTION ai_usage_private._ai_usage_budget_status(p_budget public.ai_usage_budgets, p_full boolean) IS 'A budget and its current period (spent, held, remaining, burn rate, projection) as JSON; p_full = false hides the figures of shared budgets.';

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_budget_status(p_budget public.ai_usage_budgets, p_full boolean) FROM PUBLIC, anon, authenticated, service_role;
