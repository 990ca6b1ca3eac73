import { type Check, listSome } from "./check.js";
import { PROJECT_FUNCTION_CONDITION, PROJECT_RELATION_CONDITION } from "./project-objects.js";

// Objects that belong to no extension: the advisor leaves those to the extension's authors.
const NOT_FROM_EXTENSION = (
  classTable: string,
  alias: string,
) => `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
  WHERE d.classid = '${classTable}'::regclass AND d.objid = ${alias}.oid AND d.deptype = 'e')`;

/**
 * The security lints of Supabase's advisor (`supabase db advisors`) that SQL can check, on the rest
 * of schema public (the checks above cover the project's own objects): they are warnings about your
 * objects, not ours, so they never fail the doctor.
 */
export const advisorCheck: Check = async ({ client }) => {
  const name = "Supabase advisor (rest of public)";
  const findings: string[] = [];
  const { rows: rlsDisabled } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_catalog.pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relrowsecurity
       AND NOT ${PROJECT_RELATION_CONDITION} AND c.relname <> '_prisma_migrations'
       AND ${NOT_FROM_EXTENSION("pg_class", "c")}
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname IN ('anon', 'authenticated')
                   AND has_table_privilege(r.rolname, c.oid, 'SELECT, INSERT, UPDATE, DELETE'))
     ORDER BY 1`,
  );
  if (rlsDisabled.length > 0) {
    findings.push(`rls_disabled_in_public: ${listSome(rlsDisabled.map((row) => row.name))}`);
  }
  const { rows: mutablePath } = await client.query<{ signature: string }>(
    `SELECT p.oid::regprocedure::text AS signature FROM pg_catalog.pg_proc p
     WHERE p.pronamespace = 'public'::regnamespace AND NOT ${PROJECT_FUNCTION_CONDITION}
       AND ${NOT_FROM_EXTENSION("pg_proc", "p")}
       AND NOT coalesce(EXISTS (SELECT 1 FROM unnest(p.proconfig) s WHERE s LIKE 'search\\_path=%'), false)
     ORDER BY 1`,
  );
  if (mutablePath.length > 0) {
    findings.push(`function_search_path_mutable: ${listSome(mutablePath.map((row) => row.signature))}`);
  }
  const { rows: definerViews } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_catalog.pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'v' AND NOT ${PROJECT_RELATION_CONDITION}
       AND ${NOT_FROM_EXTENSION("pg_class", "c")}
       AND NOT coalesce(c.reloptions @> ARRAY['security_invoker=true'] OR c.reloptions @> ARRAY['security_invoker=on'], false)
     ORDER BY 1`,
  );
  if (definerViews.length > 0) {
    findings.push(`security_definer_view: ${listSome(definerViews.map((row) => row.name))}`);
  }
  const { rows: policiesWithoutRls } = await client.query<{ name: string }>(
    `SELECT DISTINCT c.relname AS name FROM pg_catalog.pg_policy pol JOIN pg_catalog.pg_class c ON c.oid = pol.polrelid
     WHERE c.relnamespace = 'public'::regnamespace AND NOT c.relrowsecurity AND NOT ${PROJECT_RELATION_CONDITION}
     ORDER BY 1`,
  );
  if (policiesWithoutRls.length > 0) {
    findings.push(`policy_exists_rls_disabled: ${listSome(policiesWithoutRls.map((row) => row.name))}`);
  }
  const { rows: extensions } = await client.query<{ name: string }>(
    "SELECT e.extname AS name FROM pg_catalog.pg_extension e WHERE e.extnamespace = 'public'::regnamespace ORDER BY 1",
  );
  if (extensions.length > 0)
    findings.push(`extension_in_public: ${listSome(extensions.map((row) => row.name))}`);

  if (findings.length > 0) return { name, status: "warn", detail: findings.join("; ") };
  return { name, status: "ok", detail: "no findings" };
};
