import { z } from "zod";
import { callFunction, parseArguments } from "../database/call-function.js";
import type { UsageTransport } from "../database/function-call.js";
import {
  type BudgetAlertRecord,
  BudgetAlertRecordSchema,
  type BudgetReconcileResult,
  BudgetReconcileResultSchema,
} from "../schemas/budget-alert.js";
import {
  BudgetModeSchema,
  BudgetPeriodSchema,
  BudgetScopeSchema,
  type BudgetStatus,
  BudgetStatusListSchema,
  BudgetStatusSchema,
} from "../schemas/budget-status.js";

const instant = z.union([z.date(), z.iso.datetime({ offset: true })], {
  error: "must be a Date or an ISO 8601 timestamp",
});
const budgetId = z.union([z.int().positive(), z.string().regex(/^\d+$/, { error: "must be a budget id" })]);

/** Which ids each scope needs (the database checks the same, with 22023). */
const SCOPE_IDS = {
  project: { userId: false, customerId: false },
  customer: { userId: false, customerId: true },
  user: { userId: true, customerId: false },
  user_in_customer: { userId: true, customerId: true },
} as const;

export const BudgetInputSchema = z
  .strictObject({
    scope: BudgetScopeSchema,
    /** USD per period; more than 0. */
    limitUsd: z.number({ error: "must be a number of USD" }).positive().lt(100_000_000),
    /** Default `month` (calendar month of the reporting time zone). */
    period: BudgetPeriodSchema.optional(),
    /** Default `hard`: refuse what would overrun it. `soft`: alert only. */
    mode: BudgetModeSchema.optional(),
    userId: z.guid({ error: "must be a UUID" }).optional(),
    customerId: z.int32({ error: "must be a 32-bit integer" }).optional(),
    /** Percentages of the limit that raise an alert when crossed; default [50, 80, 100]. */
    thresholds: z.array(z.int().min(1).max(1000)).min(1).max(10).optional(),
    /** Default now. A budget in force for the same target and period ends when this one starts. */
    effectiveFrom: instant.optional(),
    /** Omitted = until ended. */
    effectiveTo: instant.optional(),
    /** Shown in the dashboard and in alerts. */
    name: z.string().min(1).max(200).optional(),
  })
  .superRefine((budget, context) => {
    const needs = SCOPE_IDS[budget.scope];
    for (const key of ["userId", "customerId"] as const) {
      const given = budget[key] !== undefined;
      if (given !== needs[key]) {
        context.addIssue({
          code: "custom",
          path: [key],
          message: needs[key]
            ? `a ${budget.scope} budget needs ${key}`
            : `a ${budget.scope} budget takes no ${key}`,
        });
      }
    }
  });
export type BudgetInput = z.input<typeof BudgetInputSchema>;

/**
 * Admin or server: sets a budget (`set_ai_usage_budget`) and resolves to its status. One budget per
 * target and period at a time: one still in force for the same scope, user, customer and period
 * ends when the new one starts.
 */
export async function setBudget(transport: UsageTransport, budget: BudgetInput): Promise<BudgetStatus> {
  const parsed = parseArguments(BudgetInputSchema, budget, "setBudget");
  return callFunction(
    transport,
    {
      name: "set_ai_usage_budget",
      args: [
        { name: "p_scope", value: parsed.scope, type: "text" },
        { name: "p_limit_usd", value: parsed.limitUsd, type: "numeric" },
        { name: "p_period", value: parsed.period, type: "text" },
        { name: "p_mode", value: parsed.mode, type: "text" },
        { name: "p_user_id", value: parsed.userId, type: "uuid" },
        { name: "p_customer_id", value: parsed.customerId, type: "integer" },
        { name: "p_thresholds", value: parsed.thresholds, type: "integer[]" },
        { name: "p_effective_from", value: parsed.effectiveFrom, type: "timestamptz" },
        { name: "p_effective_to", value: parsed.effectiveTo, type: "timestamptz" },
        { name: "p_name", value: parsed.name, type: "text" },
      ],
      returns: "value",
    },
    BudgetStatusSchema,
  );
}

/** Admin or server: ends a budget now (`end_ai_usage_budget`); `UsageDatabaseError` P0002 when there is none. */
export async function endBudget(transport: UsageTransport, id: string | number): Promise<BudgetStatus> {
  const parsed = parseArguments(budgetId, id, "endBudget.budgetId");
  return callFunction(
    transport,
    {
      name: "end_ai_usage_budget",
      // A number where it is exact (PostgREST reads JSON numbers), else the decimal string.
      args: [{ name: "p_budget_id", value: exactNumber(parsed), type: "bigint" }],
      returns: "value",
    },
    BudgetStatusSchema,
  );
}

export const ListBudgetsArgumentsSchema = z.strictObject({
  /** Also budgets that have ended. Default false. */
  includeEnded: z.boolean().optional(),
});
export type ListBudgetsArguments = z.input<typeof ListBudgetsArgumentsSchema>;

/** Admin or server: every budget with its current period, nearest its cap first (`list_ai_usage_budgets`). */
export async function listBudgets(
  transport: UsageTransport,
  args: ListBudgetsArguments = {},
): Promise<BudgetStatus[]> {
  const parsed = parseArguments(ListBudgetsArgumentsSchema, args, "listBudgets");
  return callFunction(
    transport,
    {
      name: "list_ai_usage_budgets",
      args: [{ name: "p_include_ended", value: parsed.includeEnded, type: "boolean" }],
      returns: "value",
    },
    BudgetStatusListSchema,
  );
}

export const ListBudgetAlertsArgumentsSchema = z.strictObject({
  /** Newest first, at most this many. Default 50. */
  limit: z.int().min(1).max(1000).optional(),
});
export type ListBudgetAlertsArguments = z.input<typeof ListBudgetAlertsArgumentsSchema>;

/** Admin or server: the newest alerts with their delivery state (`list_ai_usage_budget_alerts`). */
export async function listBudgetAlerts(
  transport: UsageTransport,
  args: ListBudgetAlertsArguments = {},
): Promise<BudgetAlertRecord[]> {
  const parsed = parseArguments(ListBudgetAlertsArgumentsSchema, args, "listBudgetAlerts");
  return callFunction(
    transport,
    {
      name: "list_ai_usage_budget_alerts",
      args: [{ name: "p_limit", value: parsed.limit, type: "integer" }],
      returns: "value",
    },
    z.array(BudgetAlertRecordSchema),
  );
}

/** Admin or server: proves every budget's counters equal the recorded spend plus open holds (`reconcile_ai_usage_budgets`). */
export async function reconcileBudgets(transport: UsageTransport): Promise<BudgetReconcileResult> {
  return callFunction(
    transport,
    { name: "reconcile_ai_usage_budgets", args: [], returns: "value" },
    BudgetReconcileResultSchema,
  );
}

function exactNumber(id: string | number): string | number {
  const value = Number(id);
  return Number.isSafeInteger(value) ? value : String(id);
}
