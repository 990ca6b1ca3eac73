CREATE FUNCTION public.get_ai_usage_dashboard(p_days integer DEFAULT 30) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
BEGIN
    PERFORM ai_usage_private._ai_usage_require_admin('get_ai_usage_dashboard');
    RETURN ai_usage_private._ai_usage_dashboard(p_days, NULL);
END;
$$;

COMMENT ON FUNCTION public.get_ai_usage_dashboard(p_days integer) IS 'Admin dashboard for the last p_days whole days (1..3660) in the reporting time zone: summary, costs, by_user, by_customer, daily_trend, by_request_type, by_model, unpriced_models, current_month, previous_month, period. Admins and the server only (42501 otherwise).';

REVOKE ALL ON FUNCTION public.get_ai_usage_dashboard(p_days integer) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.get_ai_usage_dashboard(p_days integer) TO authenticated;
GRANT ALL ON FUNCTION public.get_ai_usage_dashboard(p_days integer) TO service_role;
