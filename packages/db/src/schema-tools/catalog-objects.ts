import { COMPARED_SCHEMAS_SQL, ON_COMPARED_TABLE_SQL } from "./compared-schemas.js";

// The catalog's view of our objects where migra does not look, read the same way by the drift
// comparison (catalog-gaps.ts, which reports) and by db:diff (gap-statements.ts, which writes the
// statements). Objects are named by pg_identify_object's identity, never by oid, so two databases
// compare, and the identity is also valid syntax for COMMENT, GRANT and REVOKE.

/** Rows (type, identity, description): every comment on our objects. */
export const OUR_COMMENTS_SQL = `
SELECT o.type, o.identity, d.description
FROM pg_description d
CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o
WHERE o.schema IN ${COMPARED_SCHEMAS_SQL}
   OR (o.type = 'schema' AND o.identity IN ${COMPARED_SCHEMAS_SQL})
   -- policies and triggers name their schema only through their table
   OR o.identity ~ ${ON_COMPARED_TABLE_SQL}`;

/** Rows (identity, definition): every function's and procedure's whole pg_get_functiondef. */
export const OUR_FUNCTION_DEFINITIONS_SQL = `
SELECT (pg_identify_object('pg_proc'::regclass, p.oid, 0)).identity, pg_get_functiondef(p.oid) AS definition
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname IN ${COMPARED_SCHEMAS_SQL} AND p.prokind IN ('f', 'p')`;

/**
 * Rows (type, grant_kind, identity, acl) for the objects whose privileges migra does not compare
 * (it sees tables only): functions, schemas, sequences, views. `acl` is the built-in default when
 * the catalog holds NULL; `grant_kind` is the word GRANT and REVOKE want (TABLE for a view).
 */
export const OUR_GRANTABLE_OBJECTS_SQL = `
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END AS type,
       CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END AS grant_kind,
       (pg_identify_object('pg_proc'::regclass, p.oid, 0)).identity,
       coalesce(p.proacl, acldefault('f', p.proowner)) AS acl
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname IN ${COMPARED_SCHEMAS_SQL} AND p.prokind IN ('f', 'p')
UNION ALL
SELECT 'schema', 'SCHEMA', quote_ident(n.nspname), coalesce(n.nspacl, acldefault('n', n.nspowner))
FROM pg_namespace n WHERE n.nspname IN ${COMPARED_SCHEMAS_SQL}
UNION ALL
SELECT o.type, CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, o.identity,
       coalesce(c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner))
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL pg_identify_object('pg_class'::regclass, c.oid, 0) o
WHERE c.relkind IN ('S', 'v', 'm') AND n.nspname IN ${COMPARED_SCHEMAS_SQL}`;
