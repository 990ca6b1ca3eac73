-- Admin: every budget in force (and, on request, ended ones) with its current period's figures,
-- nearest to its cap first: the dashboard's budgets view.
CREATE FUNCTION public.list_ai_usage_budgets(p_include_ended boolean DEFAULT false) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
BEGIN
    PERFORM ai_usage_private._ai_usage_require_admin('list_ai_usage_budgets');
    RETURN (
        SELECT coalesce(jsonb_agg(s.status ORDER BY (s.status ->> 'percent_used')::numeric DESC,
                                                    (s.status ->> 'budget_id')::bigint), '[]'::jsonb)
        FROM public.ai_usage_budgets b
        CROSS JOIN LATERAL (SELECT ai_usage_private._ai_usage_budget_status(b, true) AS status) s
        WHERE coalesce(p_include_ended, false)
           OR (b.effective_to IS NULL OR b.effective_to > now()));
END;
$$;

COMMENT ON FUNCTION public.list_ai_usage_budgets(p_include_ended boolean) IS 'Admin: budgets in force (or all) with their current period''s spent, held, remaining, burn rate and projection, highest percent used first.';

REVOKE ALL ON FUNCTION public.list_ai_usage_budgets(p_include_ended boolean) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.list_ai_usage_budgets(p_include_ended boolean) TO authenticated;
GRANT ALL ON FUNCTION public.list_ai_usage_budgets(p_include_ended boolean) TO service_role;
