import type pg from "pg";
import { COMPARED_SCHEMAS_SQL, ON_COMPARED_TABLE_SQL } from "./compared-schemas.js";
import { withClient } from "./scratch-server.js";

// What migra does not write, written from the catalog of the source database (never by hand):
// - functions whose whole definition differs although migra is content (a body in SQL-standard
//   form, RETURN ... or BEGIN ATOMIC, is not in the prosrc migra compares): the source's
//   pg_get_functiondef, which is a complete CREATE OR REPLACE;
// - comments (migra diffs none): COMMENT ON ... IS the source's text, or NULL;
// - privileges of functions, schemas, sequences and views (migra's privilege diff sees tables only):
//   every privilege revoked from everyone either side names, then the source's granted again.
// Each kind is read the same way from both databases and keyed by pg_identify_object's identity,
// which is also valid syntax for COMMENT, GRANT and REVOKE.

const FUNCTION_DEFINITIONS = `
SELECT (pg_identify_object('pg_proc'::regclass, p.oid, 0)).identity AS key, pg_get_functiondef(p.oid) AS value
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname IN ${COMPARED_SCHEMAS_SQL} AND p.prokind IN ('f', 'p')`;

const COMMENTS = `
SELECT o.type || ' ' || o.identity AS key, d.description AS value
FROM pg_description d
CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o
WHERE o.schema IN ${COMPARED_SCHEMAS_SQL}
   OR (o.type = 'schema' AND o.identity IN ${COMPARED_SCHEMAS_SQL})
   OR o.identity ~ ${ON_COMPARED_TABLE_SQL}`;

// One row per object: its kind for GRANT (FUNCTION, SCHEMA, SEQUENCE, TABLE for views), identity,
// and its grants as sorted "grantee privilege" lines.
const PRIVILEGES = `
WITH objects(kind, identity, acl, owner_default) AS (
  SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
         (pg_identify_object('pg_proc'::regclass, p.oid, 0)).identity,
         p.proacl, acldefault('f', p.proowner)
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname IN ${COMPARED_SCHEMAS_SQL} AND p.prokind IN ('f', 'p')
  UNION ALL
  SELECT 'SCHEMA', quote_ident(n.nspname), n.nspacl, acldefault('n', n.nspowner)
  FROM pg_namespace n WHERE n.nspname IN ${COMPARED_SCHEMAS_SQL}
  UNION ALL
  SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
         (pg_identify_object('pg_class'::regclass, c.oid, 0)).identity,
         c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('S', 'v', 'm') AND n.nspname IN ${COMPARED_SCHEMAS_SQL}
)
SELECT o.kind || ' ' || o.identity AS key,
       coalesce((SELECT string_agg(
                   CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END
                   || ' ' || x.privilege_type || CASE WHEN x.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END,
                   E'\\n' ORDER BY 1)
                 FROM aclexplode(coalesce(o.acl, o.owner_default)) x), '') AS value
FROM objects o`;

async function readMap(client: pg.Client, query: string): Promise<Map<string, string>> {
  const { rows } = await client.query<{ key: string; value: string }>(query);
  return new Map(rows.map((row) => [row.key, row.value]));
}

const quoteLiteral = (client: pg.Client, text: string) => client.escapeLiteral(text);

/** COMMENT ON's keyword for a pg_identify_object type. */
const COMMENT_KIND: Record<string, string> = {
  table: "TABLE",
  view: "VIEW",
  "materialized view": "MATERIALIZED VIEW",
  sequence: "SEQUENCE",
  index: "INDEX",
  column: "COLUMN",
  function: "FUNCTION",
  procedure: "PROCEDURE",
  schema: "SCHEMA",
  policy: "POLICY",
  trigger: "TRIGGER",
  "table constraint": "CONSTRAINT",
  type: "TYPE",
};

function commentStatements(client: pg.Client, from: Map<string, string>, to: Map<string, string>): string[] {
  const statements: string[] = [];
  for (const key of new Set([...from.keys(), ...to.keys()])) {
    const wanted = to.get(key);
    if (from.get(key) === wanted) continue;
    const type = Object.keys(COMMENT_KIND)
      .filter((kind) => key.startsWith(`${kind} `))
      .sort((a, b) => b.length - a.length)[0];
    if (type === undefined) throw new Error(`db:diff cannot write a comment on "${key}": write it by hand`);
    const identity = key.slice(type.length + 1);
    statements.push(
      `COMMENT ON ${COMMENT_KIND[type]} ${identity} IS ${wanted === undefined ? "NULL" : quoteLiteral(client, wanted)};`,
    );
  }
  return statements;
}

function privilegeStatements(from: Map<string, string>, to: Map<string, string>): string[] {
  const statements: string[] = [];
  for (const [key, wanted] of to) {
    const present = from.get(key);
    // Objects only one side has are created or dropped by migra; a created one is compared in the
    // next round, once it exists on both sides.
    if (present === undefined || present === wanted) continue;
    const grantees = new Set(
      [present, wanted].flatMap((grants) =>
        grants
          .split("\n")
          .filter(Boolean)
          .map((line) => line.split(" ")[0]!),
      ),
    );
    const on = key.replace(/^(FUNCTION|PROCEDURE|SCHEMA|SEQUENCE|TABLE) /, "$1 ");
    statements.push(`REVOKE ALL ON ${on} FROM ${[...grantees].join(", ")};`);
    for (const line of wanted.split("\n").filter(Boolean)) {
      const [grantee, ...rest] = line.split(" ");
      const withGrant = rest.join(" ").endsWith(" WITH GRANT OPTION");
      const privilege = rest.join(" ").replace(/ WITH GRANT OPTION$/, "");
      statements.push(`GRANT ${privilege} ON ${on} TO ${grantee}${withGrant ? " WITH GRANT OPTION" : ""};`);
    }
  }
  return statements;
}

/**
 * The statements, read from the source database (`toUrl`), that take the database of `fromUrl` the
 * rest of the way after migra: changed function definitions migra missed, comments, privileges.
 */
export async function gapStatements(fromUrl: string, toUrl: string): Promise<string[]> {
  return withClient(fromUrl, (fromClient) =>
    withClient(toUrl, async (toClient) => {
      // Every name printed with its schema, so the statements mean the same under any search_path.
      await fromClient.query("SET search_path = ''");
      await toClient.query("SET search_path = ''");
      const [fromDefinitions, toDefinitions] = await Promise.all([
        readMap(fromClient, FUNCTION_DEFINITIONS),
        readMap(toClient, FUNCTION_DEFINITIONS),
      ]);
      const definitions = [...toDefinitions]
        .filter(([key, definition]) => fromDefinitions.has(key) && fromDefinitions.get(key) !== definition)
        .map(([, definition]) => `${definition.trimEnd()};`);
      const comments = commentStatements(
        toClient,
        await readMap(fromClient, COMMENTS),
        await readMap(toClient, COMMENTS),
      );
      const privileges = privilegeStatements(
        await readMap(fromClient, PRIVILEGES),
        await readMap(toClient, PRIVILEGES),
      );
      return [...definitions, ...comments, ...privileges];
    }),
  );
}
