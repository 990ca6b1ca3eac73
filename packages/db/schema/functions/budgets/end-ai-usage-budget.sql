-- Admin: ends a budget now (its row stays, as history). Ending an ended budget changes nothing.
CREATE FUNCTION public.end_ai_usage_budget(p_budget_id bigint) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
DECLARE
    v_budget public.ai_usage_budgets;
BEGIN
    PERFORM ai_usage_private._ai_usage_require_admin('end_ai_usage_budget');
    UPDATE public.ai_usage_budgets b
    SET effective_to = CASE WHEN b.effective_to IS NULL OR b.effective_to > now()
                            THEN greatest(now(), b.effective_from) ELSE b.effective_to END
    WHERE b.id = p_budget_id
    RETURNING * INTO v_budget;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'P0002', MESSAGE = format('no budget with id %s', coalesce(p_budget_id::text, 'null'));
    END IF;
    RETURN ai_usage_private._ai_usage_budget_status(v_budget, true);
END;
$$;

COMMENT ON FUNCTION public.end_ai_usage_budget(p_budget_id bigint) IS 'Admin: ends a budget now (kept as history). Returns its status.';

REVOKE ALL ON FUNCTION public.end_ai_usage_budget(p_budget_id bigint) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.end_ai_usage_budget(p_budget_id bigint) TO authenticated;
GRANT ALL ON FUNCTION public.end_ai_usage_budget(p_budget_id bigint) TO service_role;
