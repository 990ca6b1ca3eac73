import { randomUUID } from "node:crypto";
import type pg from "pg";
import { type Caller, type CallerName, makeCallers, newUserIds, type UserIds } from "./callers.js";

/**
 * What the access matrix runs against, in a database of its own (so every count is exact):
 * - user A has 2 log rows (one for customer 4242), user B has 1; nobody else has any;
 * - all three at noon (UTC, the reporting zone) yesterday, 1,000,000 input tokens each, priced at
 *   $1 per million by a catalog entry of the fixture's own model, so yesterday cost $3.00;
 * - that entry was then corrected to $2, so re-pricing the model changes exactly those 3 rows;
 * - user_roles: adminByRole is 'admin', user A has an unrelated 'support' role;
 * - budgets: user A has a $100 monthly hard budget, one open hold of $0.50 against it (so one
 *   budget period row) and one undelivered alert; user B has no budget.
 */
export interface MatrixFixture {
  ids: UserIds;
  callers: Record<CallerName, Caller>;
  provider: string;
  model: string;
  /** The fixture's catalog entry; the log rows reference it. */
  priceId: string;
  /** An alias of model (set_ai_model_alias). */
  alias: string;
  /** User A's budget, its open hold and its alert. */
  budgetId: string;
  holdId: string;
  alertId: string;
}

export async function seedMatrixFixture(client: pg.ClientBase): Promise<MatrixFixture> {
  const ids = newUserIds();
  const provider = "security-test";
  const model = `security-model-${randomUUID().slice(0, 8)}`;
  const setPrice = `select public.set_ai_model_price(p_provider => $1, p_model_match => $2,
      p_effective_from => '2000-01-01T00:00:00Z', p_input_per_mtok => $3, p_output_per_mtok => $3,
      p_cache_read_per_mtok => $3) ->> 'price_id' as id`;

  const { rows } = await client.query<{ id: string }>(setPrice, [provider, model, 1]);
  const priceId = rows[0]!.id;
  await client.query(
    `select * from public.log_ai_usage_batch(p_events => (
       select jsonb_agg(jsonb_build_object(
                'user_id', e.user_id, 'customer_id', e.customer_id, 'model_used', $3::text, 'provider', $4::text,
                'input_tokens', 1000000, 'created_at', date_trunc('day', now(), 'UTC') - interval '12 hours'))
       from (values ($1::uuid, 4242), ($1::uuid, null), ($2::uuid, null)) e(user_id, customer_id)))`,
    [ids.userA, ids.userB, model, provider],
  );
  // Corrected after the fact: the stored rows keep $1 until someone re-prices them.
  await client.query(setPrice, [provider, model, 2]);
  const alias = `${model}-deployment`;
  await client.query("select public.set_ai_model_alias(p_alias => $1, p_model => $2)", [alias, model]);
  await client.query(
    "insert into public.user_roles (user_id, user_role) values ($1, 'admin'), ($2, 'support')",
    [ids.adminByRole, ids.userA],
  );
  const budget = await client.query<{ id: string }>(
    `select (public.set_ai_usage_budget(p_scope => 'user', p_limit_usd => 100, p_user_id => $1)) ->> 'budget_id' as id`,
    [ids.userA],
  );
  const budgetId = budget.rows[0]!.id;
  const hold = await client.query<{ id: string }>(
    `select (public.reserve_ai_usage(p_user_id => $1, p_max_cost_usd => 0.5)) ->> 'hold_id' as id`,
    [ids.userA],
  );
  // Written by hand: an alert is only ever written by usage crossing a threshold, which the
  // fixture's usage (yesterday, maybe last month) cannot be relied on to do.
  const alert = await client.query<{ id: string }>(
    `insert into public.ai_usage_budget_alerts (budget_id, period_start, threshold_percent, limit_usd, spent_usd)
     values ($1, now(), 50, 100, 50) returning id`,
    [budgetId],
  );
  return {
    ids,
    callers: makeCallers(ids),
    provider,
    model,
    priceId,
    alias,
    budgetId,
    holdId: hold.rows[0]!.id,
    alertId: alert.rows[0]!.id,
  };
}
