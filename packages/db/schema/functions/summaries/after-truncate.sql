-- TRUNCATE of the log empties the summaries with it.
CREATE FUNCTION ai_usage_private._ai_usage_log_after_truncate() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
BEGIN
    TRUNCATE public.ai_usage_daily_by_model, public.ai_usage_daily_by_user, public.ai_usage_daily_active_users,
             public.ai_usage_daily_by_customer, public.ai_usage_summary, public.ai_usage_monthly_by_customer;
    RETURN NULL;
END;
$$;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_log_after_truncate() FROM PUBLIC, anon, authenticated, service_role;
