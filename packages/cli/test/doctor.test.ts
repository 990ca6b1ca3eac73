import { describe, expect, test } from "vitest";
import { createEmptyDatabase, createMigratedDatabase, query } from "./support/databases.js";
import { runCli } from "./support/run-cli.js";

/** The doctor's line for a check, e.g. "  FAIL  row level security: off on ai_usage_log ...". */
function lineOf(stdout: string, check: string): string {
  const line = stdout.split("\n").find((candidate) => candidate.slice(8).startsWith(`${check}:`));
  if (!line) throw new Error(`no line for ${check} in:\n${stdout}`);
  return line;
}

describe("doctor", () => {
  test("a migrated database passes every check (exit 0)", async () => {
    const url = await createMigratedDatabase();
    const run = await runCli(["doctor", "--database-url", url]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(lineOf(run.stdout, "migrations")).toMatch(/^ {2}ok {4}migrations: all \d+ applied$/);
    for (const check of [
      "roles",
      "row level security",
      "grants",
      "function search_path",
      "Supabase advisor (rest of public)",
    ]) {
      expect(lineOf(run.stdout, check)).toMatch(/^ {2}ok {4}/);
    }
    expect(lineOf(run.stdout, "clock skew")).toMatch(
      /^ {2}ok {4}clock skew: server clock (ahead of|behind) this machine's by \d+ ms/,
    );
    expect(lineOf(run.stdout, "reporting time zone")).toContain("reports count days in UTC");
    expect(run.stdout).toContain("0 failed, 0 warnings, 8 checks");
  });

  // Roles belong to the server, not a database: this run's server already has Supabase's, from the
  // migrated databases beside this one; schema auth is per database and missing here.
  test("a fresh database fails on migrations, auth helpers, tables and functions (exit 1)", async () => {
    const url = await createEmptyDatabase();
    const run = await runCli(["doctor", "--database-url", url]);
    expect(run.code).toBe(1);
    expect(lineOf(run.stdout, "migrations")).toMatch(
      /FAIL {2}migrations: \d+ of \d+ pending: run npx ai-usage migrate/,
    );
    expect(lineOf(run.stdout, "roles")).toContain("FAIL  roles: auth.uid() or auth.jwt() is missing");
    expect(lineOf(run.stdout, "row level security")).toContain("none of the project's tables exist");
    expect(lineOf(run.stdout, "grants")).toContain(
      "FAIL  grants: not checked: the project's tables do not exist",
    );
    expect(lineOf(run.stdout, "function search_path")).toContain("none of the project's functions exist");
    expect(lineOf(run.stdout, "reporting time zone")).toContain(
      "FAIL  reporting time zone: ai_usage_settings is missing",
    );
    expect(run.stderr.trim()).toMatch(/^ai-usage: 6 failed, 0 warnings, 8 checks$/);
  });

  test("finds what a hand-made change broke: RLS off, a grant to anon, a function without search_path", async () => {
    const url = await createMigratedDatabase();
    await query(
      url,
      `ALTER TABLE public.ai_usage_log DISABLE ROW LEVEL SECURITY;
       GRANT EXECUTE ON FUNCTION public.get_ai_cost_summary() TO anon;
       CREATE FUNCTION ai_usage_private.ai_usage_unpinned() RETURNS int LANGUAGE sql AS 'SELECT 1';
       REVOKE EXECUTE ON FUNCTION ai_usage_private.ai_usage_unpinned() FROM PUBLIC;`,
    );
    const run = await runCli(["doctor", "--database-url", url]);
    expect(run.code).toBe(1);
    expect(lineOf(run.stdout, "row level security")).toContain(
      "FAIL  row level security: off on ai_usage_log",
    );
    expect(lineOf(run.stdout, "grants")).toContain(
      "functions executable by anon/PUBLIC: get_ai_cost_summary()",
    );
    expect(lineOf(run.stdout, "function search_path")).toContain(
      "FAIL  function search_path: not pinned: ai_usage_private.ai_usage_unpinned()",
    );
    expect(lineOf(run.stdout, "migrations")).toMatch(/^ {2}ok /);
    expect(run.stderr.trim()).toBe("ai-usage: 3 failed, 0 warnings, 8 checks");
  });

  test("the advisor's lints on the app's own objects in public are warnings, not failures", async () => {
    const url = await createMigratedDatabase();
    await query(
      url,
      `CREATE TABLE public.app_notes (id int);
       GRANT SELECT ON public.app_notes TO anon;
       CREATE FUNCTION public.app_helper() RETURNS int LANGUAGE sql AS 'SELECT 1';
       CREATE VIEW public.app_view AS SELECT 1 AS one;`,
    );
    const run = await runCli(["doctor", "--database-url", url]);
    expect(run.code).toBe(0);
    const line = lineOf(run.stdout, "Supabase advisor (rest of public)");
    expect(line).toMatch(/^ {2}WARN {2}/);
    expect(line).toContain("rls_disabled_in_public: app_notes");
    expect(line).toContain("function_search_path_mutable: app_helper()");
    expect(line).toContain("security_definer_view: app_view");
    expect(run.stdout).toContain("0 failed, 1 warning, 8 checks");
  });

  test("reports the reporting time zone the database is set to", async () => {
    const url = await createMigratedDatabase();
    await query(url, "SELECT set_ai_reporting_time_zone('Asia/Tokyo')");
    const run = await runCli(["doctor", "--database-url", url]);
    expect(lineOf(run.stdout, "reporting time zone")).toContain(
      "info  reporting time zone: reports count days in Asia/Tokyo",
    );
  });
});
