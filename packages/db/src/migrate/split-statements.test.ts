import { describe, expect, it } from "vitest";
import { splitStatements } from "./split-statements.js";

function statementsOf(sql: string): string[] {
  return splitStatements(sql).map(({ start, end }) => sql.slice(start, end));
}

describe("splitStatements", () => {
  it("splits on semicolons and starts each statement at its first token, after comments", () => {
    expect(statementsOf("-- intro\nCREATE TABLE a (id int);\n/* note */ SELECT 1;\n\n")).toEqual([
      "CREATE TABLE a (id int);",
      "SELECT 1;",
    ]);
  });

  it("keeps a last statement without a semicolon and drops empty and comment-only ones", () => {
    expect(statementsOf("SELECT 1;;  ; -- only a comment;\nSELECT 2")).toEqual(["SELECT 1;", "SELECT 2"]);
  });

  it("ignores semicolons inside strings, identifiers, comments and dollar quotes", () => {
    const sql = [
      "SELECT 'a;''b', E'c\\';d', \"e;\"\"f\" FROM t; -- x;",
      "/* one /* nested; */ still comment; */ DO $body$ BEGIN PERFORM 'x;'; PERFORM $$y;$$; END $body$;",
      "SELECT $1::text;",
    ].join("\n");
    expect(statementsOf(sql)).toEqual([
      "SELECT 'a;''b', E'c\\';d', \"e;\"\"f\" FROM t;",
      "DO $body$ BEGIN PERFORM 'x;'; PERFORM $$y;$$; END $body$;",
      "SELECT $1::text;",
    ]);
  });

  it("does not mistake a $ inside an identifier for a dollar quote", () => {
    expect(statementsOf("SELECT a$b$ FROM t; SELECT 2;")).toEqual(["SELECT a$b$ FROM t;", "SELECT 2;"]);
  });

  it("keeps BEGIN ATOMIC ... END function bodies whole, CASE ... END included", () => {
    const body =
      "CREATE OR REPLACE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN x > 0 THEN 1 END; END;";
    expect(statementsOf(`${body}\nBEGIN;\nCOMMIT;`)).toEqual([body, "BEGIN;", "COMMIT;"]);
  });
});
