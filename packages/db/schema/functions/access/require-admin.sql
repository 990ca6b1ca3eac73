-- Raises 42501 unless the caller is the server or an admin.
CREATE FUNCTION ai_usage_private._ai_usage_require_admin(p_action text) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
BEGIN
    IF NOT (ai_usage_private._ai_usage_caller_is_server() OR public.is_ai_usage_admin()) THEN
        RAISE EXCEPTION USING
            ERRCODE = '42501',
            MESSAGE = format('permission denied: %s is for AI usage admins', p_action),
            HINT = 'An admin has app_metadata.role = ''admin'' in the JWT or a user_roles row with user_role = ''admin''.';
    END IF;
END;
$$;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_require_admin(p_action text) FROM PUBLIC, anon, authenticated, service_role;
