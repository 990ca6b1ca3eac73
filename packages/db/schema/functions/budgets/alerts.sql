-- An alert as the dispatcher and the dashboard see it. idempotency_key is stable across retries and
-- dispatchers, so a webhook receiver can drop a repeat delivery.
CREATE FUNCTION ai_usage_private._ai_usage_budget_alert_json(p_alert public.ai_usage_budget_alerts) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    SELECT jsonb_build_object(
        'id', p_alert.id,
        'idempotency_key', format('ai-usage-budget-alert:%s:%s:%s', p_alert.budget_id,
                                  to_char(p_alert.period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                  p_alert.threshold_percent),
        'budget_id', p_alert.budget_id,
        'budget_name', b.name,
        'scope', b.scope,
        'user_id', b.user_id,
        'user_email', (SELECT s.user_email FROM public.ai_usage_summary s
                       WHERE s.user_id = b.user_id AND s.user_email IS NOT NULL ORDER BY s.month DESC LIMIT 1),
        'customer_id', b.customer_id,
        'customer_name', (SELECT c.customer_name FROM public.ai_usage_monthly_by_customer c
                          WHERE c.customer_id = b.customer_id AND c.customer_name IS NOT NULL
                          ORDER BY c.month DESC, c.customer_name_at DESC LIMIT 1),
        'period', b.period,
        'period_start', p_alert.period_start,
        'resets_at', (SELECT p.period_end FROM ai_usage_private._ai_usage_budget_period(
                          b.period, p_alert.period_start, ai_usage_private.ai_usage_reporting_time_zone()) p),
        'time_zone', ai_usage_private.ai_usage_reporting_time_zone(),
        'mode', b.mode,
        'threshold_percent', p_alert.threshold_percent,
        'limit_usd', p_alert.limit_usd,
        'spent_usd', round(p_alert.spent_usd, 6),
        'created_at', p_alert.created_at,
        'attempts', p_alert.attempts,
        'delivered_at', p_alert.delivered_at,
        'last_error', p_alert.last_error)
    FROM public.ai_usage_budgets b
    WHERE b.id = p_alert.budget_id
$$;

COMMENT ON FUNCTION ai_usage_private._ai_usage_budget_alert_json(p_alert public.ai_usage_budget_alerts) IS 'An alert with its budget, as JSON (dispatcher and dashboard).';

-- Server: the dispatcher claims alerts due for delivery. SKIP LOCKED: dispatchers running side by
-- side take different alerts instead of waiting on each other; the lease (next_attempt_at pushed
-- forward) keeps a claimed alert from being claimed again while it is being POSTed, and brings it
-- back if that dispatcher dies.
CREATE FUNCTION public.claim_ai_usage_budget_alerts(p_limit integer DEFAULT 20, p_lease_seconds integer DEFAULT 60) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
DECLARE
    v_claimed jsonb;
BEGIN
    IF NOT ai_usage_private._ai_usage_caller_is_server() THEN
        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'permission denied: claim_ai_usage_budget_alerts is for the server (service role)';
    END IF;
    IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 1000 OR p_lease_seconds IS NULL OR p_lease_seconds NOT BETWEEN 1 AND 3600 THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'limit must be from 1 to 1000 and lease_seconds from 1 to 3600';
    END IF;
    WITH due AS (
        SELECT a.id FROM public.ai_usage_budget_alerts a
        WHERE a.delivered_at IS NULL AND a.next_attempt_at <= now()
        ORDER BY a.next_attempt_at, a.id
        LIMIT p_limit
        FOR UPDATE SKIP LOCKED
    ), claimed AS (
        UPDATE public.ai_usage_budget_alerts a
        SET next_attempt_at = now() + make_interval(secs => p_lease_seconds), attempts = a.attempts + 1
        FROM due WHERE a.id = due.id
        RETURNING a.*
    )
    SELECT coalesce(jsonb_agg(ai_usage_private._ai_usage_budget_alert_json(c::public.ai_usage_budget_alerts) ORDER BY c.id), '[]'::jsonb)
    INTO v_claimed
    FROM claimed c;
    RETURN v_claimed;
END;
$$;

COMMENT ON FUNCTION public.claim_ai_usage_budget_alerts(p_limit integer, p_lease_seconds integer) IS 'Server: claims up to p_limit undelivered budget alerts that are due (FOR UPDATE SKIP LOCKED) for p_lease_seconds and returns them.';

-- Server: the dispatcher reports a delivery. Failed: retried after p_retry_after_seconds (the
-- dispatcher's backoff), or when the lease ends.
CREATE FUNCTION public.complete_ai_usage_budget_alert(p_alert_id bigint, p_delivered boolean, p_error text DEFAULT NULL::text, p_retry_after_seconds integer DEFAULT NULL::integer) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
BEGIN
    IF NOT ai_usage_private._ai_usage_caller_is_server() THEN
        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'permission denied: complete_ai_usage_budget_alert is for the server (service role)';
    END IF;
    IF p_delivered IS NULL OR p_retry_after_seconds < 0 OR p_retry_after_seconds > 604800 THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'delivered is required; retry_after_seconds must be from 0 to 604800';
    END IF;
    UPDATE public.ai_usage_budget_alerts a
    SET delivered_at = CASE WHEN p_delivered THEN coalesce(a.delivered_at, now()) END,
        last_error = CASE WHEN p_delivered THEN a.last_error ELSE left(p_error, 2000) END,
        next_attempt_at = CASE WHEN NOT p_delivered AND p_retry_after_seconds IS NOT NULL
                               THEN now() + make_interval(secs => p_retry_after_seconds) ELSE a.next_attempt_at END
    WHERE a.id = p_alert_id AND a.delivered_at IS NULL;
    IF NOT FOUND AND NOT EXISTS (SELECT 1 FROM public.ai_usage_budget_alerts a WHERE a.id = p_alert_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'P0002', MESSAGE = format('no budget alert with id %s', coalesce(p_alert_id::text, 'null'));
    END IF;
END;
$$;

COMMENT ON FUNCTION public.complete_ai_usage_budget_alert(p_alert_id bigint, p_delivered boolean, p_error text, p_retry_after_seconds integer) IS 'Server: marks a claimed budget alert delivered, or records the failure and when to retry.';

-- Admin: the newest alerts, delivered or not (the dashboard).
CREATE FUNCTION public.list_ai_usage_budget_alerts(p_limit integer DEFAULT 50) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
BEGIN
    PERFORM ai_usage_private._ai_usage_require_admin('list_ai_usage_budget_alerts');
    IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 1000 THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'limit must be from 1 to 1000';
    END IF;
    RETURN (
        SELECT coalesce(jsonb_agg(ai_usage_private._ai_usage_budget_alert_json(a) ORDER BY a.created_at DESC, a.id DESC), '[]'::jsonb)
        FROM (SELECT * FROM public.ai_usage_budget_alerts x ORDER BY x.created_at DESC, x.id DESC LIMIT p_limit) a);
END;
$$;

COMMENT ON FUNCTION public.list_ai_usage_budget_alerts(p_limit integer) IS 'Admin: the newest budget alerts with their budget and delivery state.';

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_budget_alert_json(p_alert public.ai_usage_budget_alerts) FROM PUBLIC, anon, authenticated, service_role;

REVOKE ALL ON FUNCTION public.claim_ai_usage_budget_alerts(p_limit integer, p_lease_seconds integer) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.claim_ai_usage_budget_alerts(p_limit integer, p_lease_seconds integer) TO authenticated;
GRANT ALL ON FUNCTION public.claim_ai_usage_budget_alerts(p_limit integer, p_lease_seconds integer) TO service_role;

REVOKE ALL ON FUNCTION public.complete_ai_usage_budget_alert(p_alert_id bigint, p_delivered boolean, p_error text, p_retry_after_seconds integer) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.complete_ai_usage_budget_alert(p_alert_id bigint, p_delivered boolean, p_error text, p_retry_after_seconds integer) TO authenticated;
GRANT ALL ON FUNCTION public.complete_ai_usage_budget_alert(p_alert_id bigint, p_delivered boolean, p_error text, p_retry_after_seconds integer) TO service_role;

REVOKE ALL ON FUNCTION public.list_ai_usage_budget_alerts(p_limit integer) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.list_ai_usage_budget_alerts(p_limit integer) TO authenticated;
GRANT ALL ON FUNCTION public.list_ai_usage_budget_alerts(p_limit integer) TO service_role;
