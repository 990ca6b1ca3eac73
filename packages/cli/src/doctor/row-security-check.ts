import { type Check, listSome } from "./check.js";
import { PROJECT_RELATION_CONDITION } from "./project-objects.js";

/** Row level security on every table of the project: without it, a grant opens every row. */
export const rowSecurityCheck: Check = async ({ client }) => {
  const name = "row level security";
  const { rows } = await client.query<{ name: string; rls: boolean }>(
    `SELECT c.relname AS name, c.relrowsecurity AS rls FROM pg_catalog.pg_class c
     WHERE c.relkind IN ('r', 'p') AND ${PROJECT_RELATION_CONDITION} ORDER BY 1`,
  );
  if (rows.length === 0) return { name, status: "fail", detail: "none of the project's tables exist" };
  const off = rows.filter((row) => !row.rls).map((row) => row.name);
  if (off.length > 0) {
    return {
      name,
      status: "fail",
      detail: `off on ${listSome(off)}: ALTER TABLE ... ENABLE ROW LEVEL SECURITY (user_roles: users could make themselves admins)`,
    };
  }
  return { name, status: "ok", detail: `on for all ${rows.length} tables` };
};
