import { z } from "zod";
import { BigintIdSchema } from "./admin.js";
import { timestamp, usd } from "./json-values.js";

export const BudgetScopeSchema = z.enum(["project", "customer", "user", "user_in_customer"]);
/** Who a budget covers: everyone, a customer, a user, or a user within a customer. */
export type BudgetScope = z.infer<typeof BudgetScopeSchema>;

export const BudgetPeriodSchema = z.enum(["day", "week", "month"]);
/** Calendar periods of the reporting time zone (`week` starts on Monday). */
export type BudgetPeriod = z.infer<typeof BudgetPeriodSchema>;

export const BudgetModeSchema = z.enum(["hard", "soft"]);
/** `hard`: admission refuses what would overrun it; `soft`: it only raises alerts. */
export type BudgetMode = z.infer<typeof BudgetModeSchema>;

/**
 * One budget in its current period, as every budget function returns it (docs/database-api.md
 * "Budgets"). For a signed-in user asking about themselves, the figures of a shared budget
 * (project, customer) are null: they learn whether it is exhausted and when it resets, not what
 * everyone else spent.
 */
export const BudgetStatusSchema = z.looseObject({
  /** A bigint, kept exact as a decimal string (as every id the SDK returns). */
  budget_id: BigintIdSchema,
  name: z.string().nullable(),
  scope: BudgetScopeSchema,
  user_id: z.guid().nullable(),
  user_email: z.string().nullable(),
  customer_id: z.number().int().nullable(),
  customer_name: z.string().nullable(),
  period: BudgetPeriodSchema,
  mode: BudgetModeSchema,
  limit_usd: usd.nullable(),
  thresholds: z.array(z.number().int()),
  effective_from: timestamp,
  effective_to: timestamp.nullable(),
  period_start: timestamp,
  /** The end of the current period: when spending starts again from zero. */
  resets_at: timestamp,
  spent_usd: usd.nullable(),
  held_usd: usd.nullable(),
  /** limit - spent - held, never below 0. */
  remaining_usd: usd.nullable(),
  /** spent / limit x 100. */
  percent_used: z.number().nullable(),
  burn_rate_usd_per_day: usd.nullable(),
  /** What the period will have cost at today's pace. */
  projected_usd: usd.nullable(),
  /** spent + held >= limit. */
  exhausted: z.boolean(),
  /** The reporting time zone, when the database says (the periods follow it). */
  time_zone: z.string().optional(),
});
export type BudgetStatus = z.infer<typeof BudgetStatusSchema>;

export const BudgetStatusListSchema = z.array(BudgetStatusSchema);
