import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { createIsolatedDatabase } from "../sql/helpers/database.js";
import { type Caller, newUserIds, userClaims } from "./support/callers.js";
import { callAs, codeOf, scalar } from "./support/postgrest-call.js";

// Roles beyond Supabase's three. PostgREST switches to whatever role the JWT's `role` claim names,
// and a common way to give a group of users their own role is to let it inherit authenticated:
//   CREATE ROLE premium_user INHERIT; GRANT authenticated TO premium_user; GRANT premium_user TO authenticator;
// Such a role is still an end user. The server is the service role, the owner, or a role that was
// granted EXECUTE itself for a direct connection (a dedicated writer).
// Roles are cluster-wide: fresh names, dropped afterwards; grants go to a database of this file's own.

const suffix = randomUUID().slice(0, 8);
const END_USER_ROLE = `security_test_premium_${suffix}`;
const WRITER_ROLE = `security_test_writer_${suffix}`;
const ids = newUserIds();

let admin: pg.Client;
let client: pg.Client;
let databaseName: string;

beforeAll(async () => {
  const url = await createIsolatedDatabase("security_roles");
  databaseName = decodeURIComponent(new URL(url).pathname.slice(1));
  admin = new pg.Client({ connectionString: inject("databaseUrl") });
  await admin.connect();
  await admin.query(`CREATE ROLE ${END_USER_ROLE} NOLOGIN INHERIT; GRANT authenticated TO ${END_USER_ROLE};
                     CREATE ROLE ${WRITER_ROLE} NOLOGIN`);
  client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`GRANT EXECUTE ON FUNCTION public.log_ai_usage_batch(jsonb), public.get_ai_cost_summary()
                      TO ${WRITER_ROLE}`);
  await client.query("select * from public.log_ai_usage_batch(p_events => $1::jsonb)", [
    JSON.stringify([{ user_id: ids.userA }, { user_id: ids.userB }]),
  ]);
});

afterAll(async () => {
  await client?.end();
  if (admin) {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(databaseName)} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${END_USER_ROLE}; DROP ROLE IF EXISTS ${WRITER_ROLE}`);
    await admin.end();
  }
});

const premium = (userId: string): Caller => ({
  name: END_USER_ROLE,
  role: END_USER_ROLE,
  claims: { ...userClaims(userId), role: END_USER_ROLE },
  userId,
});

test("a custom JWT role that inherits authenticated is an end user, not the server", async () => {
  const user = premium(ids.userA);
  const calls = {
    dashboard: "select public.get_ai_usage_dashboard(p_days => 7)",
    costSummary: "select public.get_ai_cost_summary()",
    othersUsage: `select public.get_user_ai_usage(p_user_id => '${ids.userB}')`,
    logForOther: `select public.log_ai_usage(p_user_id => '${ids.userB}')`,
    rebuild: "select public.rebuild_ai_usage_summaries()",
  };
  const outcomes: Record<string, string> = {};
  for (const [name, sql] of Object.entries(calls)) outcomes[name] = codeOf(await callAs(client, user, sql));
  expect(outcomes).toEqual({
    dashboard: "42501",
    costSummary: "42501",
    othersUsage: "42501",
    logForOther: "42501",
    rebuild: "42501",
  });
  // Still a user: their own usage, and the log's RLS (policies for authenticated apply to members).
  const own = await callAs(client, user, `select public.get_user_ai_usage(p_user_id => '${ids.userA}')`);
  expect((scalar(own) as { summary: { total_requests: number } }).summary.total_requests).toBe(1);
  const seen = await callAs(client, user, "select count(*)::int as n from public.ai_usage_log");
  expect(seen.ok && seen.rows[0]).toEqual({ n: 1 });
});

test("with app_metadata.role = 'admin', a user of a custom role is an admin like any other", async () => {
  const user: Caller = {
    ...premium(ids.userB),
    claims: { ...userClaims(ids.userB, { app: { role: "admin" } }), role: END_USER_ROLE },
  };
  expect(codeOf(await callAs(client, user, "select public.get_ai_cost_summary()"))).toBe("ok");
});

test("a role granted EXECUTE itself (a dedicated server connection) is the server", async () => {
  const writer: Caller = { name: WRITER_ROLE, role: WRITER_ROLE, claims: null, userId: null };
  const logged = await callAs(
    client,
    writer,
    "select count(*)::int as n from public.log_ai_usage_batch(p_events => $1::jsonb)",
    [JSON.stringify([{ user_id: ids.userB }])],
  );
  expect(logged.ok && logged.rows[0]).toEqual({ n: 1 });
  expect(codeOf(await callAs(client, writer, "select public.get_ai_cost_summary()"))).toBe("ok");
});
