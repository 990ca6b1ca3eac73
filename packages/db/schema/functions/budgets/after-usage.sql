-- What usage does to budgets, in the transaction that writes it (statement triggers on
-- ai_usage_log, named ai_usage_log_then_budgets_* so that they fire after the summary triggers:
-- PostgreSQL fires a table's triggers in name order, and "then" sorts after "summaries").
--   1. A row carrying budget_hold_id settles that hold (of the same user): from now on its real
--      cost counts in spent (the summaries, just updated) and the hold no longer counts in held.
--   2. Every budget in force that covers a written row gets its thresholds checked against the
--      spend of its current period; a threshold reached for the first time writes an alert (the
--      outbox) and a pg_notify. The period rows are locked first, in budget id order, after the
--      summary rows the statement has already locked: the order admission uses too, so two writers
--      and an admission never wait on each other in a circle. With the lock held, the spend read
--      next includes every writer that committed before, so two writers that cross a threshold
--      together still write its alert (once: the unique key, and the second sees the first's).
-- Re-pricing (UPDATE) can cross a threshold too; deletes (retention) only lower spend.
CREATE FUNCTION ai_usage_private._ai_usage_log_then_budgets() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
DECLARE
    v_now timestamptz := now();
    v_zone text;
    v_alert record;
    v_budget_ids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE public.ai_usage_budget_holds h
        SET settled_at = v_now, settled_request_id = n.request_id
        FROM (SELECT DISTINCT ON (r.budget_hold_id) r.budget_hold_id, r.user_id, r.request_id
              FROM written_rows r
              WHERE r.budget_hold_id IS NOT NULL
              ORDER BY r.budget_hold_id, r.request_id) n
        WHERE h.id = n.budget_hold_id AND h.user_id = n.user_id AND h.settled_at IS NULL;
    END IF;

    -- No budget at all (the usual case): nothing to check, at the cost of one look at an empty table.
    IF NOT EXISTS (SELECT 1 FROM public.ai_usage_budgets b WHERE b.effective_to IS NULL OR b.effective_to > v_now) THEN
        RETURN NULL;
    END IF;
    v_zone := ai_usage_private.ai_usage_reporting_time_zone();

    -- The budgets covering each distinct writer (user and customer) of the statement, through the
    -- same index-backed lookup admission uses.
    SELECT array_agg(DISTINCT b.id ORDER BY b.id) INTO v_budget_ids
    FROM (SELECT DISTINCT r.user_id, r.customer_id FROM written_rows r) w
    CROSS JOIN LATERAL ai_usage_private._ai_usage_budgets_covering(w.user_id, w.customer_id, v_now) b;
    IF v_budget_ids IS NULL THEN
        RETURN NULL;
    END IF;

    INSERT INTO public.ai_usage_budget_periods AS bp (budget_id, period_start, period_end)
    SELECT b.id, p.period_start, p.period_end
    FROM public.ai_usage_budgets b
    CROSS JOIN LATERAL ai_usage_private._ai_usage_budget_period(b.period, v_now, v_zone) p
    WHERE b.id = ANY (v_budget_ids)
    ORDER BY b.id
    ON CONFLICT (budget_id, period_start) DO NOTHING;
    PERFORM 1
    FROM public.ai_usage_budget_periods bp
    JOIN public.ai_usage_budgets b ON b.id = bp.budget_id
    CROSS JOIN LATERAL ai_usage_private._ai_usage_budget_period(b.period, v_now, v_zone) p
    WHERE b.id = ANY (v_budget_ids) AND bp.period_start = p.period_start
    ORDER BY bp.budget_id
    FOR UPDATE OF bp;

    FOR v_alert IN
        INSERT INTO public.ai_usage_budget_alerts AS a (budget_id, period_start, threshold_percent, limit_usd, spent_usd)
        SELECT b.id, p.period_start, th.percent, b.limit_usd, x.spent
        FROM public.ai_usage_budgets b
            CROSS JOIN LATERAL ai_usage_private._ai_usage_budget_period(b.period, v_now, v_zone) p
        CROSS JOIN LATERAL (SELECT ai_usage_private._ai_usage_budget_spent(b.scope, b.user_id, b.customer_id, p.first_day, p.next_day) AS spent) x
        CROSS JOIN LATERAL unnest(b.thresholds) th(percent)
        WHERE b.id = ANY (v_budget_ids) AND x.spent * 100 >= b.limit_usd * th.percent
        ORDER BY b.id, th.percent
        ON CONFLICT (budget_id, period_start, threshold_percent) DO NOTHING
        RETURNING a.id, a.budget_id, a.threshold_percent
    LOOP
        PERFORM pg_notify('ai_usage_budget_alert', jsonb_build_object(
            'id', v_alert.id, 'budget_id', v_alert.budget_id, 'threshold_percent', v_alert.threshold_percent)::text);
    END LOOP;
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION ai_usage_private._ai_usage_log_then_budgets() IS 'After usage is written: settles the holds it names and writes each budget threshold it crossed (alerts outbox + pg_notify), in the same transaction.';

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_log_then_budgets() FROM PUBLIC, anon, authenticated, service_role;
