import { randomUUID } from "node:crypto";
import type pg from "pg";

/** A model priced at $1 per million tokens in every bucket: a request of n tokens costs n / 1e6 USD. */
export async function addDollarModel(client: pg.Client): Promise<string> {
  const model = `budget-model-${randomUUID().slice(0, 8)}`;
  await client.query(
    `select public.set_ai_model_price(p_provider => 'budget-test', p_model_match => $1,
       p_effective_from => '2000-01-01T00:00:00Z', p_input_per_mtok => 1, p_output_per_mtok => 1,
       p_cache_write_5m_per_mtok => 1, p_cache_write_1h_per_mtok => 1, p_cache_read_per_mtok => 1)`,
    [model],
  );
  return model;
}

export interface BudgetStatus {
  budget_id: number;
  scope: string;
  period: string;
  mode: string;
  limit_usd: number | null;
  spent_usd: number | null;
  held_usd: number | null;
  remaining_usd: number | null;
  percent_used: number | null;
  period_start: string;
  resets_at: string;
  exhausted: boolean;
  request_usd?: number | null;
}

export type Reservation =
  | { admitted: true; hold_id: string | null; amount_usd: number | null; expires_at: string | null }
  | { admitted: false; reason: "budget_exceeded" | "unpriced_model"; budget: BudgetStatus };

export async function setBudget(client: pg.Client, args: Record<string, unknown>): Promise<BudgetStatus> {
  const names = Object.keys(args);
  const call = names.map((name, i) => `p_${name} => $${i + 1}`).join(", ");
  const { rows } = await client.query<{ status: BudgetStatus }>(
    `select public.set_ai_usage_budget(${call}) as status`,
    Object.values(args),
  );
  return rows[0]!.status;
}

export async function reserve(client: pg.Client, args: Record<string, unknown>): Promise<Reservation> {
  const names = Object.keys(args);
  const call = names.map((name, i) => `p_${name} => $${i + 1}`).join(", ");
  const { rows } = await client.query<{ r: Reservation }>(
    `select public.reserve_ai_usage(${call}) as r`,
    Object.values(args),
  );
  return rows[0]!.r;
}

/** Logs one request of `tokens` input tokens of `model` (so costing tokens / 1e6 USD), settling `holdId`. */
export async function logUsage(
  client: pg.Client,
  event: {
    userId: string;
    customerId?: number | null;
    model: string;
    tokens: number;
    holdId?: string | null;
  },
): Promise<void> {
  await client.query("select count(*) from public.log_ai_usage_batch($1::jsonb)", [
    JSON.stringify([
      {
        user_id: event.userId,
        ...(event.customerId == null ? {} : { customer_id: event.customerId }),
        model_used: event.model,
        provider: "budget-test",
        input_tokens: event.tokens,
        output_tokens: 0,
        ...(event.holdId ? { budget_hold_id: event.holdId } : {}),
      },
    ]),
  ]);
}

export async function statusOf(client: pg.Client, budgetId: number): Promise<BudgetStatus> {
  const { rows } = await client.query<{ s: BudgetStatus }>(
    `select s from jsonb_array_elements(public.list_ai_usage_budgets(true)) s where (s ->> 'budget_id')::bigint = $1`,
    [budgetId],
  );
  return rows[0]!.s;
}

export async function reconcileOk(client: pg.Client): Promise<{ ok: boolean; budgets: unknown[] }> {
  const { rows } = await client.query<{ r: { ok: boolean; budgets: unknown[] } }>(
    "select public.reconcile_ai_usage_budgets() as r",
  );
  return rows[0]!.r;
}
