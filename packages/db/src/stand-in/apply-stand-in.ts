import type pg from "pg";
import { SUPABASE_STAND_IN_SQL } from "./stand-in-sql.js";

// Serialises stand-ins on one database (two test workers, two migrators): concurrent GRANTs on the
// same schema would otherwise fail with "tuple concurrently updated". Any fixed key will do.
const STAND_IN_LOCK_KEY = 72707370;

/**
 * Applies the Supabase stand-in (roles, schema auth with auth.uid()/role()/jwt(), Supabase's default
 * privileges) when the database has no `auth` schema; on Supabase, where it has, does nothing.
 * Runs in its own transaction, so `client` must not be inside one. Returns whether it applied.
 */
export async function applyStandIn(client: pg.ClientBase): Promise<boolean> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [STAND_IN_LOCK_KEY]);
    const { rows } = await client.query<{ present: boolean }>(
      "SELECT to_regnamespace('auth') IS NOT NULL AS present",
    );
    const apply = rows[0]?.present === false;
    if (apply) await client.query(SUPABASE_STAND_IN_SQL);
    await client.query("COMMIT");
    return apply;
  } catch (error) {
    await client.query("ROLLBACK");
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not apply the Supabase stand-in (roles, schema auth, default privileges): ${reason}. ` +
        "The migrating role needs CREATEROLE and BYPASSRLS (a superuser has both).",
      { cause: error },
    );
  }
}
