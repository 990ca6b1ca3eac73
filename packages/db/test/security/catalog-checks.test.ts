import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { PRIVATE_SCHEMA, PROJECT_FUNCTION_PATTERN, PROJECT_RELATION_FILTER } from "./support/catalog.js";

// Static checks of the migrated schema, read from the catalog of this run's shared database. They
// hold for every object the project has now and fail for a new one that forgets a rule.

const EXPANDER = fileURLToPath(new URL("../../src/sql-generators/inline-helpers.sql", import.meta.url));

/** The API: the only functions signed-in users and the service role may execute. */
const API_FUNCTIONS = [
  "get_ai_cost_summary()",
  "get_ai_usage_dashboard(integer)",
  "get_user_ai_usage(uuid,integer)",
  "is_ai_usage_admin()",
  "log_ai_usage(uuid,text,integer,text,text,text,integer,integer,text,integer,integer,text,text,text,text,integer,integer,integer,timestamp with time zone,uuid,text)",
  "log_ai_usage_batch(jsonb)",
  "rebuild_ai_usage_summaries()",
  "reconcile_ai_usage_summaries()",
  "reprice_ai_usage(text,timestamp with time zone,timestamp with time zone)",
  "set_ai_model_price(text,text,timestamp with time zone,numeric,numeric,numeric,numeric,numeric,timestamp with time zone,text,text,integer)",
  "explain_ai_model_price(text,text,text,bigint,timestamp with time zone)",
  "set_ai_model_alias(text,text,text)",
  "delete_ai_model_alias(text)",
  "set_ai_reporting_time_zone(text)",
  "set_ai_usage_self_logging(boolean)",
  // Budgets (functions/budgets/).
  "claim_ai_usage_budget_alerts(integer,integer)",
  "complete_ai_usage_budget_alert(bigint,boolean,text,integer)",
  "end_ai_usage_budget(bigint)",
  "get_ai_usage_budget_status(uuid,integer)",
  "list_ai_usage_budget_alerts(integer)",
  "list_ai_usage_budgets(boolean)",
  "reconcile_ai_usage_budgets()",
  "release_ai_usage_hold(uuid)",
  "reserve_ai_usage(uuid,integer,numeric,text,bigint,bigint,text,integer,text)",
  "set_ai_usage_budget(text,numeric,text,text,uuid,integer,integer[],timestamp with time zone,timestamp with time zone,text)",
];

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
});
afterAll(() => client?.end());

/** The project's functions: its pattern in schema public, and every function of the private schema. */
async function projectFunctions<Row extends object>(columns: string): Promise<Row[]> {
  const { rows } = await client.query<Row>(
    `SELECT p.oid::regprocedure::text AS signature, ${columns} FROM pg_catalog.pg_proc p
     WHERE (p.pronamespace = 'public'::regnamespace AND p.proname ~ $1)
        OR p.pronamespace = to_regnamespace($2)
     ORDER BY 1`,
    [PROJECT_FUNCTION_PATTERN, PRIVATE_SCHEMA],
  );
  return rows;
}

async function projectRelations<Row extends object>(kinds: string, columns: string): Promise<Row[]> {
  const { rows } = await client.query<Row>(
    `SELECT c.relname AS name, ${columns} FROM pg_catalog.pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = ANY ($1::"char"[]) AND ${PROJECT_RELATION_FILTER}
     ORDER BY 1`,
    [kinds.split("")],
  );
  return rows;
}

test("Supabase's default privileges are in force here: new tables and functions go to anon unless revoked", async () => {
  const { rows } = await client.query(
    `SELECT d.defaclobjtype AS kind, a.privilege_type AS privilege FROM pg_catalog.pg_default_acl d,
            aclexplode(d.defaclacl) a
     WHERE d.defaclnamespace = 'public'::regnamespace AND a.grantee = 'anon'::regrole
       AND (d.defaclobjtype, a.privilege_type) IN (('r', 'INSERT'), ('r', 'SELECT'), ('f', 'EXECUTE'))
     ORDER BY 1, 2`,
  );
  expect(rows).toEqual([
    { kind: "f", privilege: "EXECUTE" },
    { kind: "r", privilege: "INSERT" },
    { kind: "r", privilege: "SELECT" },
  ]);
});

describe("functions", () => {
  // Supabase's advisor (function_search_path_mutable) warns about any function without one: a caller's
  // search_path could decide what an unqualified name in its body means.
  test("every function runs with an empty search_path (SECURITY DEFINER ones included)", async () => {
    const rows = await projectFunctions<{ signature: string; definer: boolean; config: string[] | null }>(
      "p.prosecdef AS definer, p.proconfig AS config",
    );
    expect(rows.filter((f) => f.definer).length).toBeGreaterThanOrEqual(API_FUNCTIONS.length);
    expect(rows.length).toBeGreaterThan(API_FUNCTIONS.length);
    expect(rows.filter((f) => !f.config?.includes('search_path=""')).map((f) => f.signature)).toEqual([]);
  });

  test("no function is executable by PUBLIC or anon", async () => {
    const rows = await projectFunctions<{ signature: string; public: boolean; anon: boolean }>(
      `has_function_privilege('public', p.oid, 'EXECUTE') AS public, has_function_privilege('anon', p.oid, 'EXECUTE') AS anon`,
    );
    expect(rows.length).toBeGreaterThan(API_FUNCTIONS.length);
    expect(rows.filter((f) => f.public || f.anon).map((f) => f.signature)).toEqual([]);
  });

  test("authenticated and service_role may execute the API and no internal helper", async () => {
    const rows = await projectFunctions<{ signature: string; authenticated: boolean; service_role: boolean }>(
      `has_function_privilege('authenticated', p.oid, 'EXECUTE') AS authenticated,
       has_function_privilege('service_role', p.oid, 'EXECUTE') AS service_role`,
    );
    // Sorted here, not by ORDER BY: the database's collation may order "(" and "_" either way.
    const api = [...API_FUNCTIONS].sort();
    expect(
      rows
        .filter((f) => f.authenticated)
        .map((f) => f.signature)
        .sort(),
    ).toEqual(api);
    expect(
      rows
        .filter((f) => f.service_role)
        .map((f) => f.signature)
        .sort(),
    ).toEqual(api);
  });
});

describe("the private schema", () => {
  test("schema public holds the API and no other function of ours", async () => {
    const { rows } = await client.query<{ signature: string }>(
      `SELECT p.oid::regprocedure::text AS signature FROM pg_catalog.pg_proc p
       WHERE p.pronamespace = 'public'::regnamespace AND p.proname ~ $1`,
      [PROJECT_FUNCTION_PATTERN],
    );
    expect(rows.map((f) => f.signature).sort()).toEqual([...API_FUNCTIONS].sort());
  });

  test("no API role (nor PUBLIC) may use or create in it: they cannot even name its functions", async () => {
    const { rows } = await client.query(
      `SELECT r.role, has_schema_privilege(r.role, $1, 'USAGE') AS usage, has_schema_privilege(r.role, $1, 'CREATE') AS create
       FROM unnest(ARRAY['public', 'anon', 'authenticated', 'service_role', 'authenticator']) r(role)`,
      [PRIVATE_SCHEMA],
    );
    expect(rows).toEqual(
      ["public", "anon", "authenticated", "service_role", "authenticator"].map((role) => ({
        role,
        usage: false,
        create: false,
      })),
    );
  });

  test("it holds no table, view or sequence (data stays in public, behind RLS)", async () => {
    const { rows } = await client.query(
      "SELECT c.relname FROM pg_catalog.pg_class c WHERE c.relnamespace = to_regnamespace($1)",
      [PRIVATE_SCHEMA],
    );
    expect(rows).toEqual([]);
  });

  // A helper with a SET clause is never inlined by the planner; `pnpm db:generate-sql` expands their
  // calls into the callers instead (generated/inlined/). A caller changed later without
  // regenerating would call them per row: running the expander here must find nothing to do.
  test("every call of an inlined helper is expanded: nothing is left to expand", async () => {
    await client.query("BEGIN");
    try {
      await client.query(await readFile(EXPANDER, "utf8"));
      const { rows } = await client.query(
        "SELECT count(*)::int AS rewritten FROM pg_temp._ai_usage_inline_helpers()",
      );
      expect(rows).toEqual([{ rewritten: 0 }]);
    } finally {
      await client.query("ROLLBACK");
    }
  });
});

describe("tables and sequences", () => {
  const TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER";

  test("anon and PUBLIC have no privilege on any table, column or sequence", async () => {
    const rows = await projectRelations<{ name: string; exposed: boolean }>(
      "rpvmfS",
      `CASE WHEN c.relkind = 'S'
            THEN has_sequence_privilege('anon', c.oid, 'USAGE, SELECT, UPDATE')
              OR has_sequence_privilege('public', c.oid, 'USAGE, SELECT, UPDATE')
            ELSE has_table_privilege('anon', c.oid, '${TABLE_PRIVILEGES}')
              OR has_table_privilege('public', c.oid, '${TABLE_PRIVILEGES}')
              OR has_any_column_privilege('anon', c.oid, 'SELECT, INSERT, UPDATE, REFERENCES')
              OR has_any_column_privilege('public', c.oid, 'SELECT, INSERT, UPDATE, REFERENCES') END AS exposed`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.filter((r) => r.exposed).map((r) => r.name)).toEqual([]);
  });

  test("signed-in users may only read the log, the prices and user_roles (RLS decides which rows)", async () => {
    const rows = await projectRelations<{ name: string; privileges: string[] }>(
      "rpvmfS",
      `ARRAY(SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', 'USAGE']) p
             WHERE CASE WHEN c.relkind = 'S' THEN p IN ('SELECT', 'UPDATE', 'USAGE') AND has_sequence_privilege('authenticated', c.oid, p)
                        ELSE p <> 'USAGE' AND (has_table_privilege('authenticated', c.oid, p)
                             OR (p IN ('SELECT', 'INSERT', 'UPDATE', 'REFERENCES') AND has_any_column_privilege('authenticated', c.oid, p))) END)
       AS privileges`,
    );
    expect(rows.filter((r) => r.privileges.length > 0)).toEqual([
      { name: "ai_model_prices", privileges: ["SELECT"] },
      { name: "ai_usage_log", privileges: ["SELECT"] },
      { name: "user_roles", privileges: ["SELECT"] },
    ]);
  });

  test("row level security is on for every table but Prisma's own bookkeeping", async () => {
    // _prisma_migrations: RLS there could hide the history from a deploy role that is not its owner;
    // it is closed by privileges instead (see the test above and prisma-deploy.test.ts).
    const rows = await projectRelations<{ name: string; rls: boolean }>("rp", "c.relrowsecurity AS rls");
    expect(rows.filter((r) => !r.rls).map((r) => r.name)).toEqual(["_prisma_migrations"]);
  });
});
