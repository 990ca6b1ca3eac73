import { z } from "zod";
import { callFunction, parseArguments } from "../database/call-function.js";
import type { UsageTransport } from "../database/function-call.js";
import { type BudgetStatus, BudgetStatusListSchema } from "../schemas/budget-status.js";
import { currentPeriod, formatDay, formatUsd, resetDay, type WordingOptions } from "./budget-wording.js";

export const BudgetStatusArgumentsSchema = z.strictObject({
  /** Whose budgets: omitted = the signed-in caller's own; required for an admin or the server. */
  userId: z.guid({ error: "must be a UUID" }).optional(),
  /** Include the budgets of this customer (and of the user within it). */
  customerId: z.int32({ error: "must be a 32-bit integer" }).optional(),
});
export type BudgetStatusArguments = z.input<typeof BudgetStatusArgumentsSchema>;

/**
 * The budgets in force that apply to a user (and customer), each in its current period
 * (`get_ai_usage_budget_status`). A signed-in user may ask about themselves only; the figures of
 * shared budgets (project, customer) then come back null, `exhausted` and `resets_at` do not.
 */
export async function getBudgetStatus(
  transport: UsageTransport,
  args: BudgetStatusArguments = {},
): Promise<BudgetStatus[]> {
  const parsed = parseArguments(BudgetStatusArgumentsSchema, args, "getBudgetStatus");
  return callFunction(
    transport,
    {
      name: "get_ai_usage_budget_status",
      args: [
        { name: "p_user_id", value: parsed.userId, type: "uuid" },
        { name: "p_customer_id", value: parsed.customerId, type: "integer" },
      ],
      returns: "value",
    },
    BudgetStatusListSchema,
  );
}

/**
 * One line for the budget's user: `$3.20 of $5.00 this month, resets 1 January`. A shared budget
 * whose figures are hidden says whether it still has room: `shared budget available this month,
 * resets 1 January` (or `used up`).
 */
export function describeBudgetStatus(status: BudgetStatus, options: WordingOptions = {}): string {
  const resets = formatDay(resetDay(status.resets_at, options.timeZone ?? status.time_zone), {
    locale: options.locale,
    withYear: false,
  });
  const period = currentPeriod(status.period);
  if (status.spent_usd === null || status.limit_usd === null) {
    return `shared budget ${status.exhausted ? "used up" : "available"} ${period}, resets ${resets}`;
  }
  const spent = formatUsd(status.spent_usd, options.locale);
  return `${spent} of ${formatUsd(status.limit_usd, options.locale)} ${period}, resets ${resets}`;
}
