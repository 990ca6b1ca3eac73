import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { type Caller, userClaims } from "./support/callers.js";
import { callAs, codeOf, scalar } from "./support/postgrest-call.js";
import { type SharedFixture, seedSharedFixture, storedRows } from "./support/shared-fixture.js";

// The spec's measured leaks and forgeries (shared/docs/design.md, defect 5), each replayed the way an
// attacker would send it through PostgREST. Writes are COMMITted, so a forgery that got through would
// be stored; the owner then counts what is really there.

let client: pg.Client;
let f: SharedFixture;

beforeAll(async () => {
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  f = await seedSharedFixture(client);
});
afterAll(() => client?.end());

const dashboard = "select public.get_ai_usage_dashboard(p_days => 30)";
const userUsage = "select public.get_user_ai_usage(p_user_id => $1, p_days => 30)";

describe("the spec's measured attacks now fail", () => {
  test("a non-admin reads the full admin dashboard (every user's email and spend): 42501", async () => {
    for (const caller of [f.callers.userA, f.callers.userB, f.callers.userMetadataAdmin]) {
      expect(codeOf(await callAs(client, caller, dashboard, [], { readOnly: true })), caller.name).toBe(
        "42501",
      );
    }
    // An admin still gets it, with our users in it.
    const result = await callAs(client, f.callers.adminByRole, dashboard, [], { readOnly: true });
    expect(
      (scalar(result) as { summary: { total_requests: number } }).summary.total_requests,
    ).toBeGreaterThanOrEqual(3);
  });

  test("a user reads another user's request history: 42501, and RLS shows none of their rows", async () => {
    const other = await callAs(client, f.callers.userA, userUsage, [f.ids.userB], { readOnly: true });
    expect(codeOf(other)).toBe("42501");

    const direct = await callAs(
      client,
      f.callers.userA,
      "select count(*) filter (where user_id = $1)::int as theirs, count(*) filter (where user_id <> $2)::int as not_mine from public.ai_usage_log",
      [f.ids.userB, f.ids.userA],
      { readOnly: true },
    );
    expect(direct.ok && direct.rows[0]).toEqual({ theirs: 0, not_mine: 0 });

    const own = await callAs(client, f.callers.userA, userUsage, [f.ids.userA], { readOnly: true });
    expect((scalar(own) as { recent_requests: unknown[] }).recent_requests).toHaveLength(2);
  });

  test("a user logs usage in another user's name: 42501 (self-logging off or on), nothing stored", async () => {
    const forgeOne = "select public.log_ai_usage(p_user_id => $1, p_input_tokens => 1000000)";
    const forgeBatch = "select * from public.log_ai_usage_batch(p_events => $1::jsonb)";
    const batch = JSON.stringify([{ user_id: f.ids.userA }, { user_id: f.ids.userB, input_tokens: 1000000 }]);
    for (const prelude of [
      "select public.set_ai_usage_self_logging(p_enabled => false)",
      "select public.set_ai_usage_self_logging(p_enabled => true)",
    ]) {
      const one = await callAs(client, f.callers.userA, forgeOne, [f.ids.userB], { prelude, commit: true });
      const many = await callAs(client, f.callers.userA, forgeBatch, [batch], { prelude, commit: true });
      expect([codeOf(one), codeOf(many)], prelude).toEqual(["42501", "42501"]);
    }
    expect(await storedRows(client, f.ids.userB)).toBe(1);
    expect(await storedRows(client, f.ids.userA)).toBe(2);
  });

  test("an anonymous caller reads the all-time cost: 42501, even with admin claims", async () => {
    const anonAsAdmin: Caller = {
      ...f.callers.anon,
      claims: { role: "anon", app_metadata: { role: "admin" } },
    };
    for (const caller of [f.callers.anon, anonAsAdmin]) {
      const cost = await callAs(client, caller, "select public.get_ai_cost_summary()", [], {
        readOnly: true,
      });
      expect(codeOf(cost)).toBe("42501");
      expect(cost.ok ? "" : cost.message).toMatch(/permission denied for function/);
    }
    // Every other function refuses anon the same way: see the anon column of the access matrix.
  });

  test("a user inserts forged rows into ai_usage_log directly, despite Supabase's default grants: 42501", async () => {
    // Supabase grants ALL on every new table to authenticated (the stand-in does too; see
    // catalog-checks.test.ts); the spec added INSERT ... WITH CHECK (true) on top.
    const forgeries = [
      ["insert into public.ai_usage_log (user_id, input_tokens) values ($1, 0)", [f.ids.userA]],
      ["insert into public.ai_usage_log (user_id, input_tokens) values ($1, 9999999)", [f.ids.userB]],
      ["update public.ai_usage_log set input_price_per_mtok = 0 where user_id = $1", [f.ids.userA]],
      ["delete from public.ai_usage_log where user_id = $1", [f.ids.userA]],
    ] as const;
    for (const caller of [f.callers.userA, f.callers.adminByJwt, f.callers.anon]) {
      for (const [sql, params] of forgeries) {
        expect(
          codeOf(await callAs(client, caller, sql, [...params], { commit: true })),
          `${caller.name}: ${sql}`,
        ).toBe("42501");
      }
    }
    expect([await storedRows(client, f.ids.userA), await storedRows(client, f.ids.userB)]).toEqual([2, 1]);
  });
});

describe("who is an admin", () => {
  test("user_metadata.role = 'admin' (editable by the user) grants nothing", async () => {
    const caller = f.callers.userMetadataAdmin;
    expect(scalar(await callAs(client, caller, "select public.is_ai_usage_admin()"))).toBe(false);
    for (const [sql, params] of [
      [dashboard, []],
      ["select public.get_ai_cost_summary()", []],
      [userUsage, [f.ids.userA]],
      ["select public.set_ai_usage_self_logging(p_enabled => true)", []],
    ] as const) {
      expect(codeOf(await callAs(client, caller, sql, [...params])), sql).toBe("42501");
    }
    const seen = await callAs(
      client,
      caller,
      "select count(*)::int as n from public.ai_usage_log where user_id = any($1::uuid[])",
      [[f.ids.userA, f.ids.userB]],
    );
    expect(seen.ok && seen.rows[0]).toEqual({ n: 0 });
  });

  test("app_metadata.role = 'admin' is trusted as given: the trust rests on the JWT's signature", async () => {
    // The database cannot tell a forged claim from a real one. It does not have to: PostgREST sets
    // request.jwt.claims only from a JWT whose signature verifies with the project's JWT secret, and
    // app_metadata is written only by the server (Supabase admin API, service role). Forging it
    // takes the JWT secret or the service role key, and either already owns the project.
    const promoted: Caller = {
      ...f.callers.userB,
      claims: userClaims(f.ids.userB, { app: { role: "admin" } }),
    };
    expect(scalar(await callAs(client, promoted, "select public.is_ai_usage_admin()"))).toBe(true);
    expect(codeOf(await callAs(client, promoted, dashboard, [], { readOnly: true }))).toBe("ok");
    // Only the exact value counts.
    for (const role of ["Admin", "admin ", ["admin"]]) {
      const near: Caller = { ...f.callers.userB, claims: userClaims(f.ids.userB, { app: { role } }) };
      expect(
        codeOf(await callAs(client, near, dashboard, [], { readOnly: true })),
        JSON.stringify(role),
      ).toBe("42501");
    }
  });
});
