-- Preflight: refuse, before anything is created, a database these migrations cannot complete on.
-- It sorts before every other migration, so on a new database it runs first for any applier
-- (pnpm db:migrate, prisma migrate deploy, supabase db push). It creates nothing, so where the other
-- migrations are already applied it passes and changes nothing.
--
-- public.user_roles: the core migration creates it only when the project has none, and
-- is_ai_usage_admin() reads it as (user_id uuid, user_role text). A project that already has one of
-- another shape (Supabase's RBAC guide uses (id, user_id, role app_role)) would fail half-way
-- through the deploy, with tables created and not yet closed to the API roles.
DO $$
DECLARE
    v_found text;
    v_user_id_ok boolean;
    v_user_role_ok boolean;
BEGIN
    IF to_regclass('public.user_roles') IS NULL THEN
        RETURN;
    END IF;

    SELECT string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum),
           coalesce(bool_or(a.attname = 'user_id' AND base.oid = 'uuid'::regtype), false),
           coalesce(bool_or(a.attname = 'user_role' AND base.typcategory = 'S'), false)
      INTO v_found, v_user_id_ok, v_user_role_ok
      FROM pg_catalog.pg_attribute a
      JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
      -- A domain counts as its base type.
      JOIN pg_catalog.pg_type base ON base.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
     WHERE a.attrelid = 'public.user_roles'::regclass AND a.attnum > 0 AND NOT a.attisdropped;

    IF NOT (v_user_id_ok AND v_user_role_ok) THEN
        RAISE EXCEPTION USING
            ERRCODE = '55000',
            MESSAGE = format(
                'public.user_roles already exists with another shape: it has columns (%s), and the AI usage migrations need user_id uuid and user_role text',
                coalesce(v_found, 'none')),
            DETAIL = 'These migrations create public.user_roles (user_id uuid, user_role text) only when there is none, '
                || 'and read AI usage admins from it (user_role = ''admin''). Nothing has been created: this check runs first.',
            HINT = 'Move your table out of public (for example CREATE SCHEMA app; ALTER TABLE public.user_roles SET SCHEMA app; '
                || 'and update what uses it) so the migrations create their own, or give it the columns user_id uuid and '
                || 'user_role text. Then deploy again; if your deploy tool recorded this migration as failed, mark it '
                || 'rolled back first (pnpm db:migrate --resolve-rolled-back 20261127000050_ai_usage_preflight, or '
                || 'prisma migrate resolve --rolled-back 20261127000050_ai_usage_preflight).';
    END IF;
END $$;
