import { z } from "zod";
import { type CostSummary, CostSummarySchema } from "../schemas/cost-summary.js";
import { type UsageDashboard, UsageDashboardSchema } from "../schemas/dashboard.js";
import { type UserUsage, UserUsageSchema } from "../schemas/user-usage.js";
import { callFunction, parseArguments } from "./call-function.js";
import type { UsageTransport } from "./function-call.js";

/** Whole days in the reporting time zone, today included: 1..3660. Default 30. */
const days = z
  .int({ error: "must be an integer between 1 and 3660" })
  .min(1, { error: "must be an integer between 1 and 3660" })
  .max(3660, { error: "must be an integer between 1 and 3660" })
  .default(30);

export const DashboardArgumentsSchema = z.strictObject({ days });
export type DashboardArguments = z.input<typeof DashboardArgumentsSchema>;

export const UserUsageArgumentsSchema = z.strictObject({
  /** The user whose usage to read: the caller's own id, or any id for an admin. */
  userId: z.guid({ error: "must be a UUID" }),
  days,
});
export type UserUsageArguments = z.input<typeof UserUsageArgumentsSchema>;

/** Admin only: the dashboard over the last `days` days (`get_ai_usage_dashboard`). */
export async function getUsageDashboard(
  transport: UsageTransport,
  args: DashboardArguments = {},
): Promise<UsageDashboard> {
  const parsed = parseArguments(DashboardArgumentsSchema, args, "getUsageDashboard");
  return callFunction(
    transport,
    {
      name: "get_ai_usage_dashboard",
      args: [{ name: "p_days", value: parsed.days, type: "integer" }],
      returns: "value",
    },
    UsageDashboardSchema,
  );
}

/** One user's usage (`get_user_ai_usage`): a user may read their own, an admin anyone's. */
export async function getUserUsage(transport: UsageTransport, args: UserUsageArguments): Promise<UserUsage> {
  const parsed = parseArguments(UserUsageArgumentsSchema, args, "getUserUsage");
  return callFunction(
    transport,
    {
      name: "get_user_ai_usage",
      args: [
        { name: "p_user_id", value: parsed.userId, type: "uuid" },
        { name: "p_days", value: parsed.days, type: "integer" },
      ],
      returns: "value",
    },
    UserUsageSchema,
  );
}

/** Admin only: spend today, this week, this month, ... (`get_ai_cost_summary`). */
export async function getCostSummary(transport: UsageTransport): Promise<CostSummary> {
  return callFunction(
    transport,
    { name: "get_ai_cost_summary", args: [], returns: "value" },
    CostSummarySchema,
  );
}
