import type { Check } from "./check.js";
import { API_ROLES } from "./project-objects.js";

/** Supabase's API roles and auth helpers, which every policy and grant of the migrations names. */
export const roleCheck: Check = async ({ client }) => {
  const name = "roles";
  const { rows } = await client.query<{ role: string; present: boolean; bypass_rls: boolean | null }>(
    `SELECT r.role, a.oid IS NOT NULL AS present, a.rolbypassrls AS bypass_rls
     FROM unnest($1::text[]) r(role) LEFT JOIN pg_catalog.pg_roles a ON a.rolname = r.role`,
    [API_ROLES],
  );
  const missing = rows.filter((row) => !row.present).map((row) => row.role);
  if (missing.length > 0) {
    return {
      name,
      status: "fail",
      detail: `missing: ${missing.join(", ")} (on plain PostgreSQL, npx ai-usage migrate creates them)`,
    };
  }
  if (rows.some((row) => row.role === "service_role" && !row.bypass_rls)) {
    return { name, status: "fail", detail: "service_role lacks BYPASSRLS, as Supabase gives it" };
  }
  const { rows: helpers } = await client.query<{ uid: boolean; jwt: boolean }>(
    "SELECT to_regprocedure('auth.uid()') IS NOT NULL AS uid, to_regprocedure('auth.jwt()') IS NOT NULL AS jwt",
  );
  if (!helpers[0]?.uid || !helpers[0]?.jwt) {
    return { name, status: "fail", detail: "auth.uid() or auth.jwt() is missing" };
  }
  return { name, status: "ok", detail: `${API_ROLES.join(", ")} present; auth.uid() and auth.jwt() present` };
};
