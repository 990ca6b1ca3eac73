-- True for the server side: the service role, the table owner or any other database role that was
-- granted EXECUTE itself (a direct connection), false for PostgREST's anon and authenticated roles.
-- current_setting('role') is what PostgREST set with set_config('role', ..., true); SECURITY
-- DEFINER changes current_user but not this setting, so it still names the caller inside them.
-- Also false for a role that gets its privileges from anon or authenticated: PostgREST switches to
-- any role a JWT names, and `CREATE ROLE premium INHERIT; GRANT authenticated TO premium` is a
-- usual way to give some users a role of their own; such users are end users, not the server
-- (checked after service_role and the owner, which on Supabase may be members of authenticated).
-- PL/pgSQL rather than SQL: a SQL function with a FROM clause is planned again on every call
-- (most of a log_ai_usage call's overhead when measured), where PL/pgSQL keeps its plan.
CREATE FUNCTION ai_usage_private._ai_usage_caller_is_server() RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
DECLARE
    v_caller name := coalesce(nullif(current_setting('role', true), 'none'), session_user)::name;
BEGIN
    RETURN v_caller NOT IN ('anon', 'authenticated')
       AND (pg_has_role(v_caller, 'service_role', 'MEMBER')
            OR pg_has_role(v_caller, (SELECT t.relowner FROM pg_catalog.pg_class t
                                      WHERE t.oid = 'public.ai_usage_log'::regclass), 'MEMBER')
            OR NOT (pg_has_role(v_caller, 'authenticated', 'USAGE') OR pg_has_role(v_caller, 'anon', 'USAGE')));
END;
$$;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_caller_is_server() FROM PUBLIC, anon, authenticated, service_role;
