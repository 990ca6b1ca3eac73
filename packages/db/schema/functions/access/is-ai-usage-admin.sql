-- An AI usage admin: app_metadata.role = 'admin' in the JWT (app_metadata is not user-editable;
-- user_metadata is, and never counts), or a user_roles row with user_role = 'admin'.
-- SECURITY DEFINER so it can read user_roles whatever that table's RLS says.
CREATE FUNCTION public.is_ai_usage_admin() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    SELECT coalesce(auth.jwt() -> 'app_metadata' ->> 'role' = 'admin', false)
        OR EXISTS (
            SELECT 1 FROM public.user_roles r
            WHERE r.user_id = auth.uid() AND r.user_role = 'admin'
        )
$$;

COMMENT ON FUNCTION public.is_ai_usage_admin() IS 'True when the caller is an AI usage admin: JWT app_metadata.role = ''admin'' or a user_roles row with user_role = ''admin''. user_metadata never counts.';

REVOKE ALL ON FUNCTION public.is_ai_usage_admin() FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.is_ai_usage_admin() TO authenticated;
GRANT ALL ON FUNCTION public.is_ai_usage_admin() TO service_role;
