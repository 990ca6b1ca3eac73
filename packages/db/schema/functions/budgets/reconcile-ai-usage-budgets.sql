-- Admin: proves the figures admission decides on. For every budget in force, in its current
-- period: spent as admission reads it (the summaries) equals the log's own sum over the same
-- instants, and held equals the sum of the holds that are open. Nothing is kept in a counter that
-- could drift (spent and held are recomputed at every admission), so equality here means no
-- leakage and no false denial.
CREATE FUNCTION public.reconcile_ai_usage_budgets() RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
DECLARE
    v_rows jsonb;
BEGIN
    PERFORM ai_usage_private._ai_usage_require_admin('reconcile_ai_usage_budgets');
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'budget_id', b.id, 'period_start', p.period_start,
               'spent_from_summaries', x.spent, 'spent_from_log', y.spent,
               'held_usd', x.held, 'open_holds_usd', y.held,
               'ok', x.spent = y.spent AND x.held = y.held) ORDER BY b.id), '[]'::jsonb)
    INTO v_rows
    FROM public.ai_usage_budgets b
    CROSS JOIN LATERAL ai_usage_private._ai_usage_budget_period(b.period, now(), ai_usage_private.ai_usage_reporting_time_zone()) p
    CROSS JOIN LATERAL (SELECT ai_usage_private._ai_usage_budget_spent(b.scope, b.user_id, b.customer_id, p.first_day, p.next_day) AS spent,
                               ai_usage_private._ai_usage_budget_held(b.scope, b.user_id, b.customer_id) AS held) x
    CROSS JOIN LATERAL (
        SELECT (SELECT coalesce(sum(l.total_cost_usd), 0) FROM public.ai_usage_log l
                WHERE l.created_at >= p.period_start AND l.created_at < p.period_end
                  AND (b.user_id IS NULL OR l.user_id = b.user_id)
                  AND (b.customer_id IS NULL OR l.customer_id = b.customer_id)) AS spent,
               (SELECT coalesce(sum(h.amount_usd), 0) FROM public.ai_usage_budget_holds h
                WHERE (b.user_id IS NULL OR h.user_id = b.user_id)
                  AND (b.customer_id IS NULL OR h.customer_id = b.customer_id)
                  AND h.settled_at IS NULL AND h.released_at IS NULL AND h.expires_at > now()) AS held) y
    WHERE b.effective_from <= now() AND (b.effective_to IS NULL OR now() < b.effective_to);
    RETURN jsonb_build_object('ok', NOT jsonb_path_exists(v_rows, '$[*] ? (@.ok == false)'), 'budgets', v_rows);
END;
$$;

COMMENT ON FUNCTION public.reconcile_ai_usage_budgets() IS 'Admin: per budget in force, compares spent read from the summaries with the log''s sum for the period, and held with the open holds; ok = all equal.';

REVOKE ALL ON FUNCTION public.reconcile_ai_usage_budgets() FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.reconcile_ai_usage_budgets() TO authenticated;
GRANT ALL ON FUNCTION public.reconcile_ai_usage_budgets() TO service_role;
