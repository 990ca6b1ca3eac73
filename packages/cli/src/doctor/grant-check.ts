import { type Check, listSome } from "./check.js";
import { PRIVATE_SCHEMA, PROJECT_FUNCTION_CONDITION, PROJECT_RELATION_CONDITION } from "./project-objects.js";

const TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER";
const WRITE_PRIVILEGES = "INSERT, UPDATE, DELETE, TRUNCATE";

/**
 * The grants the security migration leaves, as Supabase's default privileges would otherwise open
 * them: anon reaches nothing; signed-in users write nothing directly; Prisma's history and the
 * private schema are closed to API roles. Needs the roles (see the roles check).
 */
export const grantCheck: Check = async ({ client }) => {
  const name = "grants";
  const { rows: roles } = await client.query<{ count: number }>(
    "SELECT count(*)::int AS count FROM pg_catalog.pg_roles WHERE rolname IN ('anon', 'authenticated', 'service_role')",
  );
  if (roles[0]?.count !== 3)
    return { name, status: "fail", detail: "not checked: the API roles are missing" };

  const { rows: tables } = await client.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM pg_catalog.pg_class c WHERE c.relkind IN ('r', 'p') AND ${PROJECT_RELATION_CONDITION}`,
  );
  if (tables[0]?.count === 0)
    return { name, status: "fail", detail: "not checked: the project's tables do not exist" };

  const problems: string[] = [];
  const { rows: openTables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_catalog.pg_class c
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${PROJECT_RELATION_CONDITION}
       AND (has_table_privilege('anon', c.oid, '${TABLE_PRIVILEGES}')
         OR has_table_privilege('public', c.oid, '${TABLE_PRIVILEGES}')
         OR has_table_privilege('authenticated', c.oid, '${WRITE_PRIVILEGES}'))
     ORDER BY 1`,
  );
  if (openTables.length > 0) {
    problems.push(
      `tables open to anon/PUBLIC or writable by authenticated: ${listSome(openTables.map((t) => t.name))}`,
    );
  }
  const { rows: openFunctions } = await client.query<{ signature: string }>(
    `SELECT p.oid::regprocedure::text AS signature FROM pg_catalog.pg_proc p
     WHERE ${PROJECT_FUNCTION_CONDITION}
       AND (has_function_privilege('public', p.oid, 'EXECUTE') OR has_function_privilege('anon', p.oid, 'EXECUTE'))
     ORDER BY 1`,
  );
  if (openFunctions.length > 0) {
    problems.push(`functions executable by anon/PUBLIC: ${listSome(openFunctions.map((f) => f.signature))}`);
  }
  const { rows: history } = await client.query<{ open: boolean | null }>(
    `SELECT has_table_privilege('anon', t.oid, '${TABLE_PRIVILEGES}')
         OR has_table_privilege('authenticated', t.oid, '${TABLE_PRIVILEGES}') AS open
     FROM (SELECT to_regclass('public._prisma_migrations') AS oid) t WHERE t.oid IS NOT NULL`,
  );
  if (history[0]?.open) problems.push("_prisma_migrations is open to anon or authenticated");
  const { rows: privateSchema } = await client.query<{ role: string }>(
    `SELECT r.role FROM unnest(ARRAY['public', 'anon', 'authenticated', 'service_role']) r(role)
     WHERE to_regnamespace($1) IS NOT NULL AND has_schema_privilege(r.role, $1, 'USAGE, CREATE')`,
    [PRIVATE_SCHEMA],
  );
  if (privateSchema.length > 0) {
    problems.push(`${PRIVATE_SCHEMA} usable by ${privateSchema.map((r) => r.role).join(", ")}`);
  }
  if (problems.length > 0) {
    return {
      name,
      status: "fail",
      detail: `${problems.join("; ")} (re-run npx ai-usage migrate, or revoke)`,
    };
  }
  return {
    name,
    status: "ok",
    detail: "anon reaches nothing, authenticated writes nothing directly, history and helpers closed",
  };
};
