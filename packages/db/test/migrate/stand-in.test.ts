import { describe, expect, inject, it } from "vitest";
import { applyStandIn, migrate, SUPABASE_STAND_IN_SQL } from "../../src/index.js";
import { createEmptyDatabase, query, withClient, writeMigrations } from "./support.js";

const API_ROLES = ["anon", "authenticated", "service_role"];

describe("the Supabase stand-in", () => {
  it("creates Supabase's roles with their attributes, authenticator able to become each", async () => {
    const roles = await query(
      inject("databaseUrl"),
      `SELECT rolname, rolcanlogin, rolinherit, rolbypassrls,
              pg_has_role('authenticator', oid, 'MEMBER') AS authenticator_member
       FROM pg_roles WHERE rolname IN ('anon', 'authenticated', 'service_role', 'authenticator')
       ORDER BY rolname`,
    );
    const role = (rolname: string, login: boolean, bypassrls: boolean) => ({
      rolname,
      rolcanlogin: login,
      rolinherit: false,
      rolbypassrls: bypassrls,
      authenticator_member: true,
    });
    expect(roles).toEqual([
      role("anon", false, false),
      role("authenticated", false, false),
      role("authenticator", true, false),
      role("service_role", false, true),
    ]);
  });

  it("defines auth.uid(), auth.role() and auth.jwt() from the request's JWT settings", async () => {
    const userId = crypto.randomUUID();
    const otherId = crypto.randomUUID();
    const claims = JSON.stringify({ sub: userId, role: "authenticated", app_metadata: { role: "admin" } });
    await withClient(inject("databaseUrl"), async (client) => {
      const read = async () =>
        (await client.query("SELECT auth.uid() AS uid, auth.role() AS role, auth.jwt() AS jwt")).rows[0];
      await client.query("BEGIN");
      expect(await read()).toEqual({ uid: null, role: null, jwt: null });
      await client.query("SELECT set_config('request.jwt.claims', $1, true)", [claims]);
      expect(await read()).toEqual({ uid: userId, role: "authenticated", jwt: JSON.parse(claims) });
      // The older per-claim setting wins, as on Supabase.
      await client.query("SELECT set_config('request.jwt.claim.sub', $1, true)", [otherId]);
      expect((await read()).uid).toBe(otherId);
      await client.query("ROLLBACK");
    });
  });

  it("reproduces Supabase's default privileges on what is created in public afterwards", async () => {
    const url = await createEmptyDatabase();
    expect(await withClient(url, applyStandIn)).toBe(true);
    await query(url, "CREATE TABLE exposed (id serial); CREATE FUNCTION exposed_fn() RETURNS int RETURN 1;");

    for (const role of API_ROLES) {
      const [privileges] = await query(
        url,
        `SELECT has_table_privilege($1, 'public.exposed', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE') AS table_all,
                has_sequence_privilege($1, 'public.exposed_id_seq', 'USAGE, SELECT, UPDATE') AS sequence_all,
                has_function_privilege($1, 'public.exposed_fn()', 'EXECUTE') AS execute,
                has_schema_privilege($1, 'public', 'USAGE') AS public_usage,
                has_schema_privilege($1, 'auth', 'USAGE') AS auth_usage`,
        [role],
      );
      expect(privileges, role).toEqual({
        table_all: true,
        sequence_all: true,
        execute: true,
        public_usage: true,
        auth_usage: true,
      });
    }
    // PostgreSQL's own default: every role (PUBLIC, grantee 0) may execute a new function.
    expect(
      await query(
        url,
        `SELECT count(*)::int AS public_execute FROM pg_proc, aclexplode(proacl) AS acl
         WHERE oid = 'public.exposed_fn()'::regprocedure AND acl.grantee = 0 AND acl.privilege_type = 'EXECUTE'`,
      ),
    ).toEqual([{ public_execute: 1 }]);
  });

  it("is idempotent", async () => {
    const url = await createEmptyDatabase();
    const snapshot = () =>
      query(
        url,
        `SELECT (SELECT array_agg(defaclobjtype::text || ':' || defaclacl::text ORDER BY defaclobjtype) FROM pg_default_acl) AS defaults,
                (SELECT array_agg(proname::text ORDER BY proname) FROM pg_proc WHERE pronamespace = 'auth'::regnamespace) AS functions,
                (SELECT nspacl::text FROM pg_namespace WHERE nspname = 'auth') AS auth_acl`,
      );
    await query(url, SUPABASE_STAND_IN_SQL);
    const once = await snapshot();
    await query(url, SUPABASE_STAND_IN_SQL);

    expect(await snapshot()).toEqual(once);
    expect(once[0]?.functions).toEqual(["jwt", "role", "uid"]);
  });

  it("does nothing where schema auth exists, as on Supabase", async () => {
    const url = await createEmptyDatabase();
    await query(url, "CREATE SCHEMA auth");

    expect(await withClient(url, applyStandIn)).toBe(false);
    expect(
      await query(
        url,
        `SELECT (SELECT count(*)::int FROM pg_default_acl) AS defaults,
                (SELECT count(*)::int FROM pg_proc WHERE pronamespace = 'auth'::regnamespace) AS functions`,
      ),
    ).toEqual([{ defaults: 0, functions: 0 }]);
  });

  it("can be applied to several databases of one cluster at once", async () => {
    const urls = await Promise.all([createEmptyDatabase(), createEmptyDatabase(), createEmptyDatabase()]);
    expect(await Promise.all(urls.map((url) => withClient(url, applyStandIn)))).toEqual([true, true, true]);
  });

  it("does not expose _prisma_migrations to anon and authenticated", async () => {
    const url = await createEmptyDatabase();
    await migrate({ databaseUrl: url, migrationsDir: await writeMigrations({}), log: () => undefined });
    const grants = await query(
      url,
      `SELECT r AS role, has_table_privilege(r, 'public._prisma_migrations', 'SELECT') AS can_read
       FROM unnest(ARRAY['anon', 'authenticated', 'service_role']) AS r ORDER BY r`,
    );
    expect(grants).toEqual([
      { role: "anon", can_read: false },
      { role: "authenticated", can_read: false },
      { role: "service_role", can_read: true },
    ]);
  });
});
