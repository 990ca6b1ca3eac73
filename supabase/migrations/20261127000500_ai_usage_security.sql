-- Security: nothing of this project is usable by PUBLIC or anon; users see only their own usage;
-- admin functions check for an admin inside; writes go through the SECURITY DEFINER functions.
--
-- Supabase's default privileges grant ALL on every new table, sequence and function in public to
-- anon, authenticated and service_role, and PostgreSQL grants EXECUTE on new functions to PUBLIC.
-- So this migration first revokes everything explicitly, then grants exactly what each role needs.
-- A later migration that adds a function must do the same (the role test suite fails otherwise).

DO $$
DECLARE
    v_object record;
BEGIN
    FOR v_object IN
        SELECT c.oid::regclass AS name FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'S')
          AND (c.relname LIKE 'ai\_usage\_%' OR c.relname LIKE 'ai\_model\_prices%')
    LOOP
        EXECUTE format('REVOKE ALL ON %s FROM PUBLIC, anon, authenticated, service_role', v_object.name);
    END LOOP;
    FOR v_object IN
        SELECT p.oid::regprocedure AS name FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace AND p.proname ~ 'ai_(usage|cost|reporting|model_price)'
    LOOP
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC, anon, authenticated, service_role', v_object.name);
    END LOOP;
END $$;

-- ----------------------------------------------------------------------------
-- Functions. Each checks its caller inside (42501): the report and admin functions want an admin
-- or the server, get_user_ai_usage also the user themself, the log functions the server (or the
-- user themself when self-logging is on). authenticated needs EXECUTE so admins, who are ordinary
-- authenticated users with an admin claim or role, can reach them. anon gets nothing.
-- ----------------------------------------------------------------------------
GRANT EXECUTE ON FUNCTION
    public.log_ai_usage(uuid, text, integer, text, text, text, integer, integer, text, integer, integer, text, text,
                        text, text, integer, integer, integer, timestamptz),
    public.log_ai_usage_batch(jsonb),
    public.get_ai_usage_dashboard(integer),
    public.get_user_ai_usage(uuid, integer),
    public.get_ai_cost_summary(),
    public.reprice_ai_usage(text, timestamptz, timestamptz),
    public.set_ai_model_price(text, text, timestamptz, numeric, numeric, numeric, numeric, numeric, timestamptz, text),
    public.set_ai_reporting_time_zone(text),
    public.set_ai_usage_self_logging(boolean),
    public.rebuild_ai_usage_summaries(),
    public.reconcile_ai_usage_summaries(),
    public.is_ai_usage_admin()
TO authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Tables. RLS on every one (Supabase's linter expects it); only the log has a user-facing policy.
-- ----------------------------------------------------------------------------
ALTER TABLE public.ai_usage_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.ai_model_prices ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.ai_usage_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.ai_usage_daily_by_model ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.ai_usage_daily_by_user ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.ai_usage_daily_active_users ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.ai_usage_daily_by_customer ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.ai_usage_summary ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.ai_usage_monthly_by_customer ENABLE ROW LEVEL SECURITY;

-- One permissive SELECT policy (own rows, or everything for an admin); `(select ...)` makes
-- PostgreSQL evaluate each call once per query instead of once per row.
CREATE POLICY "Users can view own usage; admins view all"
    ON public.ai_usage_log FOR SELECT
    TO authenticated
    USING (user_id = (SELECT auth.uid()) OR (SELECT public.is_ai_usage_admin()));
GRANT SELECT ON public.ai_usage_log TO authenticated;
-- No INSERT/UPDATE/DELETE grant or policy for users: the spec's `WITH CHECK (true)` insert policy
-- let anyone forge rows. Logging goes through log_ai_usage / log_ai_usage_batch.

-- Signed-in users may read the price catalog (prices are public facts); changes go through
-- set_ai_model_price (admin).
CREATE POLICY "Signed-in users can read prices"
    ON public.ai_model_prices FOR SELECT
    TO authenticated
    USING (true);
GRANT SELECT ON public.ai_model_prices TO authenticated;

-- The server reads everything (service_role has BYPASSRLS) and writes through the functions.
GRANT SELECT ON public.ai_usage_log, public.ai_model_prices, public.ai_usage_settings,
    public.ai_usage_daily_by_model, public.ai_usage_daily_by_user, public.ai_usage_daily_active_users,
    public.ai_usage_daily_by_customer, public.ai_usage_summary, public.ai_usage_monthly_by_customer
TO service_role;

-- ----------------------------------------------------------------------------
-- user_roles: only when this project created it (its comment says so). A project that already had
-- the table keeps its own rules.
-- ----------------------------------------------------------------------------
DO $$
BEGIN
    IF obj_description('public.user_roles'::regclass, 'pg_class') LIKE '%created by the AI usage migration%' THEN
        REVOKE ALL ON public.user_roles FROM PUBLIC, anon, authenticated, service_role;
        ALTER TABLE public.user_roles ENABLE ROW LEVEL SECURITY;
        CREATE POLICY "Users can view own roles"
            ON public.user_roles FOR SELECT
            TO authenticated
            USING (user_id = (SELECT auth.uid()));
        GRANT SELECT ON public.user_roles TO authenticated;
        -- Only the server (and the owner) grants roles.
        GRANT SELECT, INSERT, UPDATE, DELETE ON public.user_roles TO service_role;
    END IF;
END $$;

-- ----------------------------------------------------------------------------
-- _prisma_migrations: `prisma migrate deploy` creates it in public before the first migration, so on
-- Supabase the default privileges give anon and authenticated ALL on the migration history and its
-- error logs (readable and deletable through the API). This package's runner revokes that itself;
-- the real Prisma CLI does not, so the migrations must. The service role and the owner keep theirs.
-- No RLS here: it could hide the history from a deploy role that is neither owner nor BYPASSRLS.
-- ----------------------------------------------------------------------------
DO $$
BEGIN
    IF to_regclass('public._prisma_migrations') IS NOT NULL THEN
        REVOKE ALL ON public._prisma_migrations FROM PUBLIC, anon, authenticated;
    END IF;
END $$;
