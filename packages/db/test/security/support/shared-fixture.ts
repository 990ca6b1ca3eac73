import { randomUUID } from "node:crypto";
import type pg from "pg";
import { type Caller, type CallerName, makeCallers, newUserIds, type UserIds } from "./callers.js";

/**
 * Data of one test file in the run's shared database (other files write there too: everything is
 * filtered by these fresh user ids). Committed as the owner: user A has 2 priced requests, user B
 * has 1; adminByRole has a user_roles 'admin' row.
 */
export interface SharedFixture {
  ids: UserIds;
  callers: Record<CallerName, Caller>;
}

export async function seedSharedFixture(client: pg.ClientBase): Promise<SharedFixture> {
  const ids = newUserIds();
  const event = (userId: string) => ({
    user_id: userId,
    user_email: `${userId}@example.test`,
    request_id: `security-${randomUUID()}`,
    model_used: "claude-sonnet-4-20250514",
    provider: "anthropic",
    input_tokens: 1000,
    output_tokens: 500,
  });
  await client.query("select * from public.log_ai_usage_batch(p_events => $1::jsonb)", [
    JSON.stringify([event(ids.userA), event(ids.userA), event(ids.userB)]),
  ]);
  await client.query("insert into public.user_roles (user_id, user_role) values ($1, 'admin')", [
    ids.adminByRole,
  ]);
  return { ids, callers: makeCallers(ids) };
}

/** Log rows of one user, counted as the owner (no RLS): what is really stored. */
export async function storedRows(client: pg.ClientBase, userId: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    "select count(*)::int as n from public.ai_usage_log where user_id = $1",
    [userId],
  );
  return rows[0]!.n;
}
