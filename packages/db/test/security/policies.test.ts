import pg from "pg";
import { beforeAll, expect, inject, test } from "vitest";
import { PROJECT_RELATION_FILTER } from "./support/catalog.js";

// The row level security policies of the project's tables, as PostgreSQL stores them (pg_policies
// prints each expression back as text, e.g. `(user_id = ( SELECT auth.uid() AS uid))`).

interface Policy {
  table: string;
  name: string;
  permissive: "PERMISSIVE" | "RESTRICTIVE";
  roles: string[];
  command: "ALL" | "SELECT" | "INSERT" | "UPDATE" | "DELETE";
  using: string | null;
  check: string | null;
}

let policies: Policy[];
beforeAll(async () => {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    const { rows } = await client.query<Policy>(
      `SELECT p.tablename AS table, p.policyname AS name, p.permissive, p.roles::text[] AS roles,
              p.cmd AS command, p.qual AS using, p.with_check AS check
       FROM pg_catalog.pg_policies p JOIN pg_catalog.pg_class c
         ON c.relname = p.tablename AND c.relnamespace = 'public'::regnamespace
       WHERE p.schemaname = 'public' AND ${PROJECT_RELATION_FILTER}
       ORDER BY 1, 2`,
    );
    policies = rows;
  } finally {
    await client.end();
  }
});

test("the project's policies: own rows of the log and of user_roles, the price catalog for signed-in users", () => {
  expect(policies.map(({ table, command, roles }) => ({ table, command, roles }))).toEqual([
    { table: "ai_model_prices", command: "SELECT", roles: ["authenticated"] },
    { table: "ai_usage_log", command: "SELECT", roles: ["authenticated"] },
    { table: "user_roles", command: "SELECT", roles: ["authenticated"] },
  ]);
});

test("policies call auth.uid(), auth.jwt() and the admin check once per query: (select auth.uid())", () => {
  // A bare call is evaluated for every row; wrapped in a scalar subquery it is an InitPlan, run once.
  const bareCall = /(?<!\( SELECT )\b(?:auth\.(?:uid|jwt|role)|(?:public\.)?is_ai_usage_admin)\(\)/;
  const offenders = policies.filter((p) => bareCall.test(p.using ?? "") || bareCall.test(p.check ?? ""));
  expect(offenders).toEqual([]);
  const identity = policies.filter((p) => /auth\.uid\(\)/.test(p.using ?? ""));
  expect(identity.map((p) => p.table)).toEqual(["ai_usage_log", "user_roles"]);
});

test("no policy is for anon or PUBLIC", () => {
  expect(policies.filter((p) => p.roles.some((role) => role === "anon" || role === "public"))).toEqual([]);
});

test("no permissive write policy lets everything through (the spec's WITH CHECK (true))", () => {
  const alwaysTrue = (expression: string | null) =>
    expression !== null && /^\(?\s*true\s*\)?$/i.test(expression);
  const open = policies.filter(
    (p) =>
      p.permissive === "PERMISSIVE" &&
      p.command !== "SELECT" &&
      (alwaysTrue(p.using) || alwaysTrue(p.check) || (p.using === null && p.check === null)),
  );
  expect(open).toEqual([]);
});

test("at most one permissive policy per table, role and command", () => {
  // Several permissive policies are OR-ed and each is evaluated: one policy per action is faster
  // and easier to audit. ALL covers every command; PUBLIC covers every role.
  const seen = new Map<string, string[]>();
  for (const p of policies.filter((policy) => policy.permissive === "PERMISSIVE")) {
    const commands = p.command === "ALL" ? ["SELECT", "INSERT", "UPDATE", "DELETE"] : [p.command];
    const roles = p.roles.includes("public") ? ["anon", "authenticated", "service_role"] : p.roles;
    for (const command of commands) {
      for (const role of roles) {
        const key = `${p.table} ${role} ${command}`;
        seen.set(key, [...(seen.get(key) ?? []), p.name]);
      }
    }
  }
  expect([...seen].filter(([, names]) => names.length > 1)).toEqual([]);
});
