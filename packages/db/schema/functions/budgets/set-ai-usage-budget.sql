-- Admin: puts a budget in force. One budget per target (scope, user, customer) and period at a
-- time: one still in force is ended where the new one starts, so raising a limit keeps the old
-- row as history and the period's spend carries over (spent is read from the summaries).
CREATE FUNCTION public.set_ai_usage_budget(p_scope text, p_limit_usd numeric, p_period text DEFAULT 'month'::text, p_mode text DEFAULT 'hard'::text, p_user_id uuid DEFAULT NULL::uuid, p_customer_id integer DEFAULT NULL::integer, p_thresholds integer[] DEFAULT '{50,80,100}'::integer[], p_effective_from timestamp with time zone DEFAULT NULL::timestamp with time zone, p_effective_to timestamp with time zone DEFAULT NULL::timestamp with time zone, p_name text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
DECLARE
    v_from timestamptz := coalesce(p_effective_from, now());
    v_budget public.ai_usage_budgets;
    v_problem text;
BEGIN
    PERFORM ai_usage_private._ai_usage_require_admin('set_ai_usage_budget');
    v_problem := CASE
        WHEN p_scope IS NULL OR p_scope NOT IN ('project', 'customer', 'user', 'user_in_customer')
            THEN format('scope must be project, customer, user or user_in_customer (got %s)', coalesce(p_scope, 'null'))
        WHEN p_period IS NULL OR p_period NOT IN ('day', 'week', 'month')
            THEN format('period must be day, week or month (got %s)', coalesce(p_period, 'null'))
        WHEN p_mode IS NULL OR p_mode NOT IN ('hard', 'soft')
            THEN format('mode must be hard or soft (got %s)', coalesce(p_mode, 'null'))
        WHEN p_limit_usd IS NULL OR NOT (p_limit_usd > 0 AND p_limit_usd < 100000000)
            THEN format('limit_usd must be a number above 0 and below 100000000 (got %s)', coalesce(p_limit_usd::text, 'null'))
        WHEN (p_user_id IS NOT NULL) <> (p_scope IN ('user', 'user_in_customer'))
            THEN CASE WHEN p_user_id IS NULL THEN format('a %s budget needs a user_id', p_scope)
                      ELSE format('a %s budget takes no user_id', p_scope) END
        WHEN (p_customer_id IS NOT NULL) <> (p_scope IN ('customer', 'user_in_customer'))
            THEN CASE WHEN p_customer_id IS NULL THEN format('a %s budget needs a customer_id', p_scope)
                      ELSE format('a %s budget takes no customer_id', p_scope) END
        WHEN p_thresholds IS NULL OR cardinality(p_thresholds) > 10 OR array_position(p_thresholds, NULL) IS NOT NULL
             OR NOT (0 < ALL (p_thresholds) AND 1000 >= ALL (p_thresholds))
            THEN 'thresholds must be at most 10 percents, each from 1 to 1000'
        WHEN p_effective_to IS NOT NULL AND p_effective_to <= v_from
            THEN 'effective_to must be after effective_from'
        WHEN length(p_name) > 200 THEN 'name must be at most 200 characters'
    END;
    IF v_problem IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = v_problem;
    END IF;

    -- Two admins setting the same target's budget at once: the second waits here and then ends the
    -- first's row, so there is never more than one in force.
    PERFORM pg_advisory_xact_lock(hashtextextended(
        format('ai_usage_budget:%s:%s:%s:%s', p_scope, p_user_id, p_customer_id, p_period), 0));
    UPDATE public.ai_usage_budgets b
    SET effective_to = greatest(v_from, b.effective_from)
    WHERE b.scope = p_scope AND b.period = p_period
      AND b.user_id IS NOT DISTINCT FROM p_user_id AND b.customer_id IS NOT DISTINCT FROM p_customer_id
      AND (b.effective_to IS NULL OR b.effective_to > v_from);

    INSERT INTO public.ai_usage_budgets (name, scope, user_id, customer_id, period, limit_usd, mode,
                                         thresholds, effective_from, effective_to, created_by)
    VALUES (nullif(btrim(p_name), ''), p_scope, p_user_id, p_customer_id, p_period, p_limit_usd, p_mode,
            (SELECT coalesce(array_agg(DISTINCT t ORDER BY t), '{}') FROM unnest(p_thresholds) t),
            v_from, p_effective_to, auth.uid())
    RETURNING * INTO v_budget;
    RETURN ai_usage_private._ai_usage_budget_status(v_budget, true);
END;
$$;

COMMENT ON FUNCTION public.set_ai_usage_budget(p_scope text, p_limit_usd numeric, p_period text, p_mode text, p_user_id uuid, p_customer_id integer, p_thresholds integer[], p_effective_from timestamp with time zone, p_effective_to timestamp with time zone, p_name text) IS 'Admin: puts a budget in force (scope project/customer/user/user_in_customer, period day/week/month, mode hard/soft), ending the one in force for the same target and period. Returns its status.';

REVOKE ALL ON FUNCTION public.set_ai_usage_budget(p_scope text, p_limit_usd numeric, p_period text, p_mode text, p_user_id uuid, p_customer_id integer, p_thresholds integer[], p_effective_from timestamp with time zone, p_effective_to timestamp with time zone, p_name text) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.set_ai_usage_budget(p_scope text, p_limit_usd numeric, p_period text, p_mode text, p_user_id uuid, p_customer_id integer, p_thresholds integer[], p_effective_from timestamp with time zone, p_effective_to timestamp with time zone, p_name text) TO authenticated;
GRANT ALL ON FUNCTION public.set_ai_usage_budget(p_scope text, p_limit_usd numeric, p_period text, p_mode text, p_user_id uuid, p_customer_id integer, p_thresholds integer[], p_effective_from timestamp with time zone, p_effective_to timestamp with time zone, p_name text) TO service_role;
