import {
  CostSummarySchema,
  getCostSummary,
  getUsageDashboard,
  getUserUsage,
  UsageDashboardSchema,
  type UsageTransport,
  UserUsageSchema,
} from "@org/ai-usage-sdk";
import { z } from "zod";

/** Everything the demo prints, as the SDK's query helpers return it (`--json` prints this object). */
export const AdminReportSchema = z.object({
  /** `get_ai_usage_dashboard(days)`. */
  dashboard: UsageDashboardSchema,
  /** `get_ai_cost_summary()`. */
  costSummary: CostSummarySchema,
  /** `get_user_ai_usage(top user, days)`: a drill-down into the biggest spender; null when nobody used AI. */
  topUser: UserUsageSchema.nullable(),
});
export type AdminReport = z.infer<typeof AdminReportSchema>;

/**
 * Reads the admin report through the SDK (the same calls an app's admin page makes). The top-user
 * drill-down is an extra: if it fails, the report goes on without it and `warn` says why, rather
 * than the whole demo failing on its last section.
 */
export async function buildAdminReport(
  transport: UsageTransport,
  days: number,
  warn: (message: string) => void = () => undefined,
): Promise<AdminReport> {
  const [dashboard, costSummary] = await Promise.all([
    getUsageDashboard(transport, { days }),
    getCostSummary(transport),
  ]);
  const topUserId = dashboard.by_user[0]?.user_id;
  let topUser: AdminReport["topUser"] = null;
  if (topUserId !== undefined) {
    try {
      topUser = await getUserUsage(transport, { userId: topUserId, days });
    } catch (error) {
      warn(`top-user drill-down skipped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { dashboard, costSummary, topUser };
}
