-- The budgets that apply to a user (and customer) right now, with where they stand: what an app
-- shows its user ("$3.20 of $5.00 this month, resets 1 January"). A signed-in user asks about
-- themselves only, and sees the figures of their own budgets, not those of shared ones.
CREATE FUNCTION public.get_ai_usage_budget_status(p_user_id uuid DEFAULT NULL::uuid, p_customer_id integer DEFAULT NULL::integer) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
DECLARE
    v_full boolean := ai_usage_private._ai_usage_caller_is_server() OR public.is_ai_usage_admin();
    v_user uuid := p_user_id;
BEGIN
    IF NOT v_full THEN
        IF auth.uid() IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'permission denied: sign in to read your budget status';
        ELSIF p_user_id IS NOT NULL AND p_user_id <> auth.uid() THEN
            RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'permission denied: you can read only your own budget status';
        END IF;
        v_user := auth.uid();
    ELSIF v_user IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'user_id is required';
    END IF;
    RETURN (
        SELECT coalesce(jsonb_agg(ai_usage_private._ai_usage_budget_status(b, v_full) ORDER BY b.id), '[]'::jsonb)
        FROM ai_usage_private._ai_usage_budgets_covering(v_user, p_customer_id, now()) b);
END;
$$;

COMMENT ON FUNCTION public.get_ai_usage_budget_status(p_user_id uuid, p_customer_id integer) IS 'The budgets in force that apply to a user (and customer) with their current period. Users: themselves only, without the figures of shared (project, customer) budgets. Admins and the server: anyone.';

REVOKE ALL ON FUNCTION public.get_ai_usage_budget_status(p_user_id uuid, p_customer_id integer) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.get_ai_usage_budget_status(p_user_id uuid, p_customer_id integer) TO authenticated;
GRANT ALL ON FUNCTION public.get_ai_usage_budget_status(p_user_id uuid, p_customer_id integer) TO service_role;
