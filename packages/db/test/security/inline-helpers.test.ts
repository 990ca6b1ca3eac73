import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { PRIVATE_SCHEMA } from "./support/catalog.js";

// Every function of ours runs with a fixed search_path, and a function with a SET clause is never
// inlined by the planner, so migration 20261202000900 expands the calls of the helpers written to be
// inlined into their callers' text (_ai_usage_inline_helpers). These pin down the expansion itself:
// calls are found outside strings and comments only, arguments are split at their own commas, and the
// expanded text computes what the call computes.

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
});
afterAll(() => client?.end());

async function expand(code: string, helpers: string[]): Promise<string> {
  const { rows } = await client.query<{ code: string }>(
    `SELECT ${PRIVATE_SCHEMA}._ai_usage_expand_calls($1, $2::text[]) AS code`,
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
    const { rows } = await client.query<{ mask: string }>(
      `SELECT ${PRIVATE_SCHEMA}._ai_usage_code_mask($1) AS mask`,
      [code],
    );
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
    const expanded = await expand(`select ${PRIVATE_SCHEMA}.ai_usage_model_family(m.model_used) from x m`, [
      "ai_usage_model_family",
    ]);
    expect(expanded).not.toContain("ai_usage_model_family");
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
    const code = `-- ${PRIVATE_SCHEMA}.ai_usage_model_family(a)\nselect '${PRIVATE_SCHEMA}.ai_usage_model_family(b)'`;
    expect(await expand(code, ["ai_usage_model_family"])).toBe(code);
  });

  test("a helper that calls another is expanded all the way down", async () => {
    const expanded = await expand(
      `select ${PRIVATE_SCHEMA}._ai_usage_price_applies('claude-sonnet-4', 'anthropic', now() - interval '1 day', null,
        'claude-sonnet-4-20250514', null, now())`,
      ["_ai_usage_price_applies", "ai_usage_model_family"],
    );
    expect(expanded).not.toMatch(/_ai_usage_price_applies|ai_usage_model_family/);
    const { rows } = await client.query(expanded);
    expect(rows).toEqual([{ "?column?": true }]);
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
      expand(`select ${PRIVATE_SCHEMA}.ai_usage_model_family(p_model_used => 'x')`, [
        "ai_usage_model_family",
      ]),
    ).rejects.toThrow(/named arguments are not supported/);
  });
});
