import { z } from "zod";
import { BigintIdSchema } from "./admin.js";
import { BudgetModeSchema, BudgetPeriodSchema, BudgetScopeSchema } from "./budget-status.js";
import { count, timestamp, usd } from "./json-values.js";

/**
 * A budget crossing one of its thresholds in one period, as `claim_ai_usage_budget_alerts` hands
 * it to a dispatcher. Written once per budget, period and threshold, in the transaction whose
 * usage crossed it.
 */
export const BudgetAlertSchema = z.looseObject({
  id: BigintIdSchema,
  /** Stable across retries: `ai-usage-budget-alert:<budget>:<period_start>:<threshold>`. */
  idempotency_key: z.string().min(1),
  budget_id: BigintIdSchema,
  budget_name: z.string().nullable(),
  scope: BudgetScopeSchema,
  user_id: z.guid().nullable(),
  user_email: z.string().nullable(),
  customer_id: z.number().int().nullable(),
  customer_name: z.string().nullable(),
  period: BudgetPeriodSchema,
  period_start: timestamp,
  resets_at: timestamp,
  mode: BudgetModeSchema,
  threshold_percent: z.number().int(),
  limit_usd: usd,
  /** Spent when the threshold was crossed. */
  spent_usd: usd,
  created_at: timestamp,
  /** Delivery attempts so far, this one included for a claimed alert. */
  attempts: count,
});
export type BudgetAlert = z.infer<typeof BudgetAlertSchema>;

export const BudgetAlertListSchema = z.array(BudgetAlertSchema);

/** `list_ai_usage_budget_alerts`: alerts with their delivery state. */
export const BudgetAlertRecordSchema = BudgetAlertSchema.extend({
  delivered_at: timestamp.nullable(),
  last_error: z.string().nullable(),
});
export type BudgetAlertRecord = z.infer<typeof BudgetAlertRecordSchema>;

/** `reconcile_ai_usage_budgets()`: spent from the summaries equals spent from the log, and held equals the open holds. */
export const BudgetReconcileResultSchema = z.looseObject({
  ok: z.boolean(),
  budgets: z.array(
    z.looseObject({
      budget_id: BigintIdSchema,
      period_start: timestamp,
      spent_from_summaries: usd,
      spent_from_log: usd,
      held_usd: usd,
      open_holds_usd: usd,
      ok: z.boolean(),
    }),
  ),
});
export type BudgetReconcileResult = z.infer<typeof BudgetReconcileResultSchema>;
