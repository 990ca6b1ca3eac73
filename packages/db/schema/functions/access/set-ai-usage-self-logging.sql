-- Admin: the self-logging switch (off by default). On: authenticated users may call log_ai_usage
-- and log_ai_usage_batch for themselves only, without created_at.
CREATE FUNCTION public.set_ai_usage_self_logging(p_enabled boolean) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
BEGIN
    PERFORM ai_usage_private._ai_usage_require_admin('set_ai_usage_self_logging');
    IF p_enabled IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'p_enabled must be true or false';
    END IF;
    UPDATE public.ai_usage_settings SET allow_user_self_logging = p_enabled, updated_at = now();
    RETURN p_enabled;
END;
$$;

REVOKE ALL ON FUNCTION public.set_ai_usage_self_logging(p_enabled boolean) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.set_ai_usage_self_logging(p_enabled boolean) TO authenticated;
GRANT ALL ON FUNCTION public.set_ai_usage_self_logging(p_enabled boolean) TO service_role;
