import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { PRIVATE_SCHEMA } from "./support/catalog.js";

// Every function of ours runs with a fixed search_path, and a function with a SET clause is never
// inlined by the planner, so `pnpm db:generate-sql` expands the calls of the helpers written to be
// inlined into their callers' text, at development time, with the pg_temp functions of
// src/sql-generators/inline-helpers.sql. These pin down the expansion itself: calls are found outside
// strings and comments only, arguments are split at their own commas, and the expanded text computes
// what the call computes. (That the committed expansions are current: `pnpm db:generate-sql --check`.)

const EXPANDER = fileURLToPath(new URL("../../src/sql-generators/inline-helpers.sql", import.meta.url));

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  // The expander lives in this session's pg_temp only, as when the generator runs.
  await client.query(await readFile(EXPANDER, "utf8"));
});
afterAll(() => client?.end());

async function expand(code: string, helpers: string[]): Promise<string> {
  const { rows } = await client.query<{ code: string }>(
    "SELECT pg_temp._ai_usage_expand_calls($1, $2::text[]) AS code",
    [code, helpers],
  );
  return rows[0]!.code;
}

describe("_ai_usage_code_mask", () => {
  test("blanks strings, quoted identifiers, comments and dollar quotes, keeping positions and newlines", async () => {
    const code = [
      "select 'it''s (a' , \"odd,name\" -- a comment (",
      "/* block ( */ $q$ body ( $q$ , e'\\'(' , $1",
    ].join("\n");
    const { rows } = await client.query<{ mask: string }>("SELECT pg_temp._ai_usage_code_mask($1) AS mask", [
      code,
    ]);
    const mask = rows[0]!.mask;
    expect(mask).toHaveLength(code.length);
    expect(mask.split("\n")).toEqual([
      `select ${" ".repeat(10)} , ${" ".repeat(10)} ${" ".repeat(14)}`,
      `${" ".repeat(13)} ${" ".repeat(14)} , e${" ".repeat(5)} , $1`,
    ]);
  });
});

describe("_ai_usage_expand_calls", () => {
  test("a call becomes its helper's body, its argument in place of the parameter", async () => {
    const expanded = await expand(`select ${PRIVATE_SCHEMA}.ai_usage_model_bare_id(m.model_used) from x m`, [
      "ai_usage_model_bare_id",
    ]);
    expect(expanded).not.toContain("ai_usage_model_bare_id");
    expect(expanded).toContain("regexp_replace((m.model_used),");
  });

  test("arguments are split at their own commas, not at those inside parentheses or strings", async () => {
    const call = `${PRIVATE_SCHEMA}._ai_usage_text_problem(jsonb_build_object('a', 1) -> 'a', 'k, (', 3)`;
    const expanded = await expand(`select ${call}`, ["_ai_usage_text_problem"]);
    expect(expanded).toContain("((jsonb_build_object('a', 1) -> 'a'))");
    expect(expanded).toContain("('k, (')::text");
    const { rows } = await client.query(
      `SELECT (${call}) AS called, (${expanded.slice("select ".length)}) AS expanded`,
    );
    expect(rows).toEqual([
      { called: "k, ( must be a string (got number)", expanded: "k, ( must be a string (got number)" },
    ]);
  });

  test("calls inside comments and strings are left alone", async () => {
    const code = `-- ${PRIVATE_SCHEMA}.ai_usage_model_bare_id(a)\nselect '${PRIVATE_SCHEMA}.ai_usage_model_bare_id(b)'`;
    expect(await expand(code, ["ai_usage_model_bare_id"])).toBe(code);
  });

  test("a helper that calls another is expanded all the way down", async () => {
    const call = `select p.model_match, p.provider from ${PRIVATE_SCHEMA}.ai_usage_price_in_force('us.anthropic.claude-sonnet-4-20250514-v1:0', null, 'standard', 0, now()) p`;
    const expanded = await expand(call, [
      "ai_usage_price_in_force",
      "ai_usage_model_candidates",
      "ai_usage_model_bare_id",
    ]);
    expect(expanded).not.toMatch(
      /ai_usage_price_in_force\(|ai_usage_model_candidates|ai_usage_model_bare_id/,
    );
    const called = await client.query(call);
    const inlined = await client.query(expanded);
    expect(inlined.rows).toEqual(called.rows);
    // The Bedrock id without its host's forms: the dated id, which the catalog prices itself.
    expect(inlined.rows).toEqual([{ model_match: "claude-sonnet-4-20250514", provider: "anthropic" }]);
  });

  test("a set-returning helper becomes a subquery with its result columns", async () => {
    const events = JSON.stringify([{ user_id: "00000000-0000-4000-8000-000000000001", input_tokens: -1 }]);
    const call = `${PRIVATE_SCHEMA}._ai_usage_event_problems($1::jsonb)`;
    const expanded = await expand(`select p.event_index, p.problem from ${call} p`, [
      "_ai_usage_event_problems",
      "_ai_usage_text_problem",
      "_ai_usage_integer_problem",
    ]);
    expect(expanded).not.toMatch(/_ai_usage_(event|text|integer)_problem\(/);
    const called = await client.query(`select p.event_index, p.problem from ${call} p`, [events]);
    const inlined = await client.query(expanded, [events]);
    expect(inlined.rows).toEqual(called.rows);
    expect(inlined.rows).toEqual([
      { event_index: 0, problem: "input_tokens must be an integer between 0 and 100000000 (got -1)" },
    ]);
  });

  test("named arguments are refused, not misread", async () => {
    await expect(
      expand(`select ${PRIVATE_SCHEMA}.ai_usage_model_bare_id(p_model_used => 'x')`, [
        "ai_usage_model_bare_id",
      ]),
    ).rejects.toThrow(/named arguments are not supported/);
  });
});

describe("the database", () => {
  test("holds no function that writes functions (generation happens at development time only)", async () => {
    const { rows } = await client.query<{ name: string }>(
      `SELECT p.oid::regprocedure::text AS name FROM pg_catalog.pg_proc p
       WHERE p.pronamespace IN ('public'::regnamespace, '${PRIVATE_SCHEMA}'::regnamespace)
         AND (p.prosrc ~* 'pg_get_functiondef|create\\s+(or\\s+replace\\s+)?function')`,
    );
    expect(rows).toEqual([]);
  });
});
