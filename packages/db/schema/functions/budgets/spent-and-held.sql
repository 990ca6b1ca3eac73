-- What a budget's scope spent over the reporting-zone days [p_first_day, p_next_day), read from the
-- summaries (kept equal to the log in the same transaction as every write, so exact at every
-- moment, re-pricing and time-zone rebuilds included). A month reads the monthly tables (one row
-- per user or per customer and user); a day or week the daily ones. The project's spend reads the
-- per-model days: a few dozen rows a day however many users there are.
-- PL/pgSQL so that each branch keeps its plan (admission calls this on its hot path).
CREATE FUNCTION ai_usage_private._ai_usage_budget_spent(p_scope text, p_user_id uuid, p_customer_id integer, p_first_day date, p_next_day date) RETURNS numeric
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
DECLARE
    v_whole_month boolean := p_first_day = date_trunc('month', p_first_day)::date
                             AND p_next_day = (date_trunc('month', p_first_day) + interval '1 month')::date;
BEGIN
    IF p_scope = 'project' THEN
        RETURN (SELECT coalesce(sum(m.total_cost_usd), 0) FROM public.ai_usage_daily_by_model m
                WHERE m.usage_date >= p_first_day AND m.usage_date < p_next_day);
    ELSIF p_scope = 'user' AND v_whole_month THEN
        RETURN (SELECT coalesce(sum(s.total_cost_usd), 0) FROM public.ai_usage_summary s
                WHERE s.month = p_first_day AND s.user_id = p_user_id);
    ELSIF p_scope = 'user' THEN
        RETURN (SELECT coalesce(sum(d.total_cost_usd), 0) FROM public.ai_usage_daily_by_user d
                WHERE d.user_id = p_user_id AND d.usage_date >= p_first_day AND d.usage_date < p_next_day);
    ELSIF v_whole_month THEN
        RETURN (SELECT coalesce(sum(c.total_cost_usd), 0) FROM public.ai_usage_monthly_by_customer c
                WHERE c.month = p_first_day AND c.customer_id = p_customer_id
                  AND (p_scope = 'customer' OR c.user_id = p_user_id));
    ELSE
        RETURN (SELECT coalesce(sum(c.total_cost_usd), 0) FROM public.ai_usage_daily_by_customer c
                WHERE c.customer_id = p_customer_id AND c.usage_date >= p_first_day AND c.usage_date < p_next_day
                  AND (p_scope = 'customer' OR c.user_id = p_user_id));
    END IF;
END;
$$;

COMMENT ON FUNCTION ai_usage_private._ai_usage_budget_spent(p_scope text, p_user_id uuid, p_customer_id integer, p_first_day date, p_next_day date) IS 'Recorded spend (USD) of a budget scope over reporting-zone days [p_first_day, p_next_day), from the summaries.';

-- What the open holds of a budget's scope set aside: requests admitted and still in flight. Open =
-- not settled, not released, not expired; the partial indexes hold only unsettled, unreleased holds.
CREATE FUNCTION ai_usage_private._ai_usage_budget_held(p_scope text, p_user_id uuid, p_customer_id integer) RETURNS numeric
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
BEGIN
    IF p_scope = 'project' THEN
        RETURN (SELECT coalesce(sum(h.amount_usd), 0) FROM public.ai_usage_budget_holds h
                WHERE h.settled_at IS NULL AND h.released_at IS NULL AND h.expires_at > now());
    ELSIF p_scope = 'user' THEN
        RETURN (SELECT coalesce(sum(h.amount_usd), 0) FROM public.ai_usage_budget_holds h
                WHERE h.user_id = p_user_id
                  AND h.settled_at IS NULL AND h.released_at IS NULL AND h.expires_at > now());
    ELSE
        RETURN (SELECT coalesce(sum(h.amount_usd), 0) FROM public.ai_usage_budget_holds h
                WHERE h.customer_id = p_customer_id AND (p_scope = 'customer' OR h.user_id = p_user_id)
                  AND h.settled_at IS NULL AND h.released_at IS NULL AND h.expires_at > now());
    END IF;
END;
$$;

COMMENT ON FUNCTION ai_usage_private._ai_usage_budget_held(p_scope text, p_user_id uuid, p_customer_id integer) IS 'USD set aside by the open holds (in-flight requests) of a budget scope.';

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_budget_spent(p_scope text, p_user_id uuid, p_customer_id integer, p_first_day date, p_next_day date) FROM PUBLIC, anon, authenticated, service_role;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_budget_held(p_scope text, p_user_id uuid, p_customer_id integer) FROM PUBLIC, anon, authenticated, service_role;
