import { type Check, listSome } from "./check.js";
import { PROJECT_FUNCTION_CONDITION } from "./project-objects.js";

/**
 * Every function of the project pins its search_path: otherwise a caller's search_path could decide
 * what a name in a SECURITY DEFINER body means (Supabase's advisor: function_search_path_mutable).
 */
export const searchPathCheck: Check = async ({ client }) => {
  const name = "function search_path";
  const { rows } = await client.query<{ signature: string; pinned: boolean }>(
    `SELECT p.oid::regprocedure::text AS signature,
            coalesce(EXISTS (SELECT 1 FROM unnest(p.proconfig) s WHERE s LIKE 'search\\_path=%'), false) AS pinned
     FROM pg_catalog.pg_proc p WHERE ${PROJECT_FUNCTION_CONDITION} ORDER BY 1`,
  );
  if (rows.length === 0) return { name, status: "fail", detail: "none of the project's functions exist" };
  const mutable = rows.filter((row) => !row.pinned).map((row) => row.signature);
  if (mutable.length > 0) {
    return {
      name,
      status: "fail",
      detail: `not pinned: ${listSome(mutable)} (ALTER FUNCTION ... SET search_path = '')`,
    };
  }
  return { name, status: "ok", detail: `pinned on all ${rows.length} functions` };
};
