import type pg from "pg";
import {
  OUR_COMMENTS_SQL,
  OUR_FUNCTION_DEFINITIONS_SQL,
  OUR_GRANTABLE_OBJECTS_SQL,
} from "./catalog-objects.js";
import { withClient } from "./scratch-server.js";

// What migra does not write, written from the catalog of the source database (never by hand):
// - functions whose whole definition differs although migra is content (a body in SQL-standard
//   form, RETURN ... or BEGIN ATOMIC, is not in the prosrc migra compares): the source's
//   pg_get_functiondef, which is a complete CREATE OR REPLACE;
// - comments (migra diffs none): COMMENT ON ... IS the source's text, or NULL;
// - privileges of functions, schemas, sequences and views (migra's privilege diff sees tables only):
//   every privilege revoked from everyone either side names, then the source's granted again.
// Each kind is read from both databases by the queries the drift comparison uses (catalog-objects.ts).

const FUNCTION_DEFINITIONS = `SELECT f.identity AS key, f.definition AS value FROM (${OUR_FUNCTION_DEFINITIONS_SQL}) f`;

const COMMENTS = `SELECT c.type || ' ' || c.identity AS key, c.description AS value FROM (${OUR_COMMENTS_SQL}) c`;

// One row per object: its kind for GRANT and identity, and its grants as sorted "grantee privilege" lines.
const PRIVILEGES = `
SELECT g.grant_kind || ' ' || g.identity AS key,
       coalesce((SELECT string_agg(
                   CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.grantee)) END
                   || ' ' || x.privilege_type || CASE WHEN x.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END,
                   E'\\n' ORDER BY 1)
                 FROM aclexplode(g.acl) x), '') AS value
FROM (${OUR_GRANTABLE_OBJECTS_SQL}) g`;

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
  // pg_identify_object names a column's type "table column"; the longest matching kind wins below.
  "table column": "COLUMN",
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
