import type pg from "pg";
import {
  type BudgetReconcile,
  BudgetReconcileSchema,
  type BudgetStatus,
  BudgetStatusSchema,
  type ReserveAnswer,
  ReserveAnswerSchema,
} from "./budget-answers.js";

/** Anything that runs a query: a pool, a pooled client or a client of its own. */
export type Queryable = Pick<pg.ClientBase, "query">;

/** Every budget the bench sets is named so; the bench ends them when done (and after a crash). */
export const benchBudgetPrefix = "bench: ";

export interface BudgetDefinition {
  readonly name: string;
  readonly scope: BudgetStatus["scope"];
  readonly limitUsd: number;
  readonly mode: BudgetStatus["mode"];
  readonly userId?: string;
  readonly customerId?: number;
}

/** set_ai_usage_budget for the current month; the status object it answers. */
export async function setBudget(db: Queryable, budget: BudgetDefinition): Promise<BudgetStatus> {
  const { rows } = await db.query<{ status: unknown }>(
    `SELECT public.set_ai_usage_budget(p_scope => $1, p_limit_usd => $2::numeric, p_period => 'month',
       p_mode => $3, p_user_id => $4::uuid, p_customer_id => $5::integer, p_name => $6) AS status`,
    [
      budget.scope,
      budget.limitUsd,
      budget.mode,
      budget.userId ?? null,
      budget.customerId ?? null,
      budget.name,
    ],
  );
  return BudgetStatusSchema.parse(rows[0]!.status);
}

export interface ReserveRequest {
  readonly userId: string;
  readonly customerId: number | null;
  readonly model: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
}

/** reserve_ai_usage with the request's bound priced by the database (model and maximum tokens). */
export async function reserve(db: Queryable, request: ReserveRequest): Promise<ReserveAnswer> {
  const { rows } = await db.query<{ answer: unknown }>(
    `SELECT public.reserve_ai_usage(p_user_id => $1::uuid, p_customer_id => $2::integer,
       p_model_used => $3, p_max_input_tokens => $4::bigint, p_max_output_tokens => $5::bigint,
       p_provider => 'anthropic') AS answer`,
    [request.userId, request.customerId, request.model, request.maxInputTokens, request.maxOutputTokens],
  );
  return ReserveAnswerSchema.parse(rows[0]!.answer);
}

/** release_ai_usage_hold: true when an open hold was released. */
export async function releaseHold(db: Queryable, holdId: string): Promise<boolean> {
  const { rows } = await db.query<{ released: boolean }>(
    "SELECT public.release_ai_usage_hold(p_hold_id => $1::uuid) AS released",
    [holdId],
  );
  return rows[0]!.released;
}

export async function reconcileBudgets(db: Queryable): Promise<BudgetReconcile> {
  const { rows } = await db.query<{ result: unknown }>(
    "SELECT public.reconcile_ai_usage_budgets() AS result",
  );
  return BudgetReconcileSchema.parse(rows[0]!.result);
}

/**
 * Ends every budget in force that the bench set (named `bench: …`), through end_ai_usage_budget:
 * a budget left over by an interrupted run would otherwise weigh on every later ingest figure.
 * Does nothing on a database without budgets (migrated before they came).
 */
export async function endBenchBudgets(db: Queryable): Promise<number> {
  const present = await db.query<{ present: boolean }>(
    "SELECT to_regclass('public.ai_usage_budgets') IS NOT NULL AS present",
  );
  if (!present.rows[0]!.present) return 0;
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM public.ai_usage_budgets
     WHERE starts_with(name, $1) AND (effective_to IS NULL OR effective_to > now()) ORDER BY id`,
    [benchBudgetPrefix],
  );
  for (const row of rows) {
    await db.query("SELECT public.end_ai_usage_budget(p_budget_id => $1::bigint)", [row.id]);
  }
  return rows.length;
}

/**
 * Deletes the budgets the bench set and ended in earlier runs (their periods and alerts go with
 * them). Ended budgets are kept as history, and admission looks through every budget row for the
 * ones covering a caller, so each run's 1,001 ended budgets would make the next run's reservations
 * slower: runs would not compare. Only rows named `bench: …`, never anyone else's.
 */
export async function deleteEndedBenchBudgets(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM public.ai_usage_budgets
     WHERE starts_with(name, $1) AND effective_to IS NOT NULL AND effective_to <= now()`,
    [benchBudgetPrefix],
  );
  return rowCount ?? 0;
}

/**
 * VACUUM ANALYZE of the budget tables, as a database live for a while has them: a burst of holds
 * (the ingest with holds of an earlier run) leaves statistics that say most holds are open, and the
 * planner then sums the open holds by reading the whole table (30 ms instead of 0.3 ms measured).
 */
export async function vacuumBudgetTables(db: Queryable): Promise<void> {
  await db.query(
    "VACUUM (ANALYZE) public.ai_usage_budgets, public.ai_usage_budget_periods, public.ai_usage_budget_holds",
  );
}

/** Fails with a message that says what is missing when the database has no budget functions. */
export async function assertBudgetFunctions(db: Queryable): Promise<void> {
  const { rows } = await db.query<{ present: boolean }>(
    "SELECT to_regproc('public.reserve_ai_usage') IS NOT NULL AS present",
  );
  if (!rows[0]!.present) {
    throw new Error(
      "the database has no public.reserve_ai_usage: its migrations predate budgets (issue 15); migrate it first",
    );
  }
}
