/** The schemas the tools compare: ours. The stand-in's `auth` and the roles are the same on both sides. */
export const COMPARED_SCHEMAS = ["public", "ai_usage_private"] as const;

/** `('public', 'ai_usage_private')`, for `IN` in catalog queries. */
export const COMPARED_SCHEMAS_SQL = `(${COMPARED_SCHEMAS.map((name) => `'${name}'`).join(", ")})`;

/**
 * A regular expression (as SQL text) for identities of policies and triggers on our tables, which
 * pg_identify_object writes as `name on schema.table` without a schema of their own.
 */
export const ON_COMPARED_TABLE_SQL = `' on (${COMPARED_SCHEMAS.join("|")})\\.'`;
