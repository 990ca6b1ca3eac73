// Which catalog objects are this project's, as the security migration names them (the same filters
// as the db package's catalog tests): functions by name pattern in public plus every function of the
// private schema; tables by name, user_roles included.

export const PRIVATE_SCHEMA = "ai_usage_private";

/** SQL condition on pg_proc `p`. */
export const PROJECT_FUNCTION_CONDITION = `((p.pronamespace = 'public'::regnamespace AND p.proname ~ 'ai_(usage|cost|reporting|model_price|model_alias)')
  OR p.pronamespace = to_regnamespace('${PRIVATE_SCHEMA}'))`;

/** SQL condition on pg_class `c` (schema public): the project's tables, views and sequences. */
export const PROJECT_RELATION_CONDITION = String.raw`(c.relnamespace = 'public'::regnamespace
  AND (c.relname LIKE 'ai\_usage\_%' OR c.relname LIKE 'ai\_model\_prices%' OR c.relname = 'user_roles'))`;

/** The roles PostgREST switches to on Supabase (the stand-in creates them on plain PostgreSQL). */
export const API_ROLES = ["anon", "authenticated", "service_role"] as const;
