/**
 * The "Supabase stand-in": what a Supabase project provides before any migration runs, recreated on
 * plain PostgreSQL so the migrations apply, and behave, as they do on Supabase. Applied only where
 * schema `auth` is missing (see applyStandIn); it never belongs in prisma/migrations, which are
 * deployed to real Supabase projects. Idempotent: running it twice changes nothing.
 */
export const SUPABASE_STAND_IN_SQL = /* sql */ `
-- Supabase's API roles. PostgREST logs in as authenticator and switches to one of the three per
-- request; service_role is the server's key and bypasses row level security.
DO $stand_in$
DECLARE
  spec record;
BEGIN
  FOR spec IN
    SELECT * FROM (VALUES
      ('anon', 'NOLOGIN NOINHERIT'),
      ('authenticated', 'NOLOGIN NOINHERIT'),
      ('service_role', 'NOLOGIN NOINHERIT BYPASSRLS'),
      ('authenticator', 'LOGIN NOINHERIT')
    ) AS roles (name, options)
  LOOP
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = spec.name) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I %s', spec.name, spec.options);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL; -- roles are cluster-wide: the stand-in of another database created it at the same moment
      END;
    END IF;
  END LOOP;

  FOR spec IN SELECT unnest(ARRAY['anon', 'authenticated', 'service_role']) AS name LOOP
    IF NOT EXISTS (
      SELECT FROM pg_catalog.pg_auth_members
      WHERE roleid = to_regrole(spec.name) AND member = to_regrole('authenticator')
    ) THEN
      BEGIN
        EXECUTE format('GRANT %I TO authenticator', spec.name);
      EXCEPTION WHEN unique_violation THEN
        NULL; -- granted at the same moment by the stand-in of another database
      END;
    END IF;
  END LOOP;
END
$stand_in$;

CREATE SCHEMA IF NOT EXISTS auth;

-- The id of the user whose JWT the request carries (NULL without one).
CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid
LANGUAGE sql STABLE
AS $$
  SELECT coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

-- The JWT's role claim: anon, authenticated or service_role.
CREATE OR REPLACE FUNCTION auth.role() RETURNS text
LANGUAGE sql STABLE
AS $$
  SELECT coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

-- All claims of the request's JWT (app_metadata, user_metadata, ...).
CREATE OR REPLACE FUNCTION auth.jwt() RETURNS jsonb
LANGUAGE sql STABLE
AS $$
  SELECT nullif(current_setting('request.jwt.claims', true), '')::jsonb
$$;

GRANT USAGE ON SCHEMA public TO anon, authenticated, service_role;
GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;

-- Supabase's defaults for objects the migrating role creates in public: every API role gets ALL
-- (and PostgreSQL itself grants EXECUTE on new functions to PUBLIC). Reproduced on purpose: a
-- migration that does not revoke explicitly is exposed on Supabase, and tests must see that too.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role;
`;
