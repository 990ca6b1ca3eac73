import { z } from "zod";

/**
 * The answers of the budget functions (the SQL contract of issue 15), checked as they arrive: the
 * bench proves a promise about these numbers, so a shape it does not expect must fail loudly
 * rather than be read as zero.
 */
const usd = z.number();

/** What list_ai_usage_budgets and a refusal say about one budget (the fields the bench reads). */
export const BudgetStatusSchema = z.object({
  budget_id: z.number().int(),
  name: z.string().nullable(),
  scope: z.enum(["project", "customer", "user", "user_in_customer"]),
  user_id: z.string().nullable(),
  customer_id: z.number().int().nullable(),
  period: z.enum(["day", "week", "month"]),
  mode: z.enum(["hard", "soft"]),
  limit_usd: usd,
  spent_usd: usd,
  held_usd: usd,
  resets_at: z.string(),
});
export type BudgetStatus = z.infer<typeof BudgetStatusSchema>;

export const ReserveAnswerSchema = z.discriminatedUnion("admitted", [
  z.object({
    admitted: z.literal(true),
    /** null when no budget applies to the caller. */
    hold_id: z.string().nullable(),
    amount_usd: usd.nullable(),
  }),
  z.object({
    admitted: z.literal(false),
    reason: z.enum(["budget_exceeded", "unpriced_model"]),
    budget: BudgetStatusSchema.extend({ request_usd: usd.nullable() }),
  }),
]);
export type ReserveAnswer = z.infer<typeof ReserveAnswerSchema>;
export type Refusal = Extract<ReserveAnswer, { admitted: false }>;

export const BudgetReconcileSchema = z.object({
  ok: z.boolean(),
  budgets: z.array(z.object({ budget_id: z.number().int(), ok: z.boolean() }).loose()),
});
export type BudgetReconcile = z.infer<typeof BudgetReconcileSchema>;
