import {
  BudgetAlertRecordSchema,
  BudgetStatusSchema,
  CostSummarySchema,
  compareMonthToDate,
  getCostSummary,
  getUsageDashboard,
  getUserUsage,
  listBudgetAlerts,
  listBudgets,
  MONTH_TO_DATE_DAYS,
  MonthToDateSchema,
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
  /** This month so far against the same days of last month (from a 62-day dashboard's daily series). */
  monthToDate: MonthToDateSchema,
  /** `get_user_ai_usage(top user, days)`: a drill-down into the biggest spender; null when nobody used AI. */
  topUser: UserUsageSchema.nullable(),
  /** `list_ai_usage_budgets()`: the budgets in force, nearest their limit first. */
  budgets: z.array(BudgetStatusSchema),
  /** `list_ai_usage_budget_alerts(10)`: the newest threshold alerts and whether they were delivered. */
  budgetAlerts: z.array(BudgetAlertRecordSchema),
});
export type AdminReport = z.infer<typeof AdminReportSchema>;

/** The newest alerts the report shows. */
export const alertsShown = 10;

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
  // One after the other: the demo reads on one connection (a snapshot), where concurrent queries
  // would only queue (and pg deprecates issuing them).
  const dashboard = await getUsageDashboard(transport, { days });
  const costSummary = await getCostSummary(transport);
  // "This month vs last month" compares days 1..N with the same days of last month, not with the
  // whole of it (which read −95 % on the 2nd): a daily series that reaches back to last month's 1st.
  const twoMonths = await getUsageDashboard(transport, { days: MONTH_TO_DATE_DAYS });
  const monthToDate = compareMonthToDate(
    twoMonths.daily_trend,
    twoMonths.period.end_date,
    twoMonths.previous_month,
  );
  const budgets = await listBudgets(transport);
  const budgetAlerts = await listBudgetAlerts(transport, { limit: alertsShown });
  const topUserId = dashboard.by_user[0]?.user_id;
  let topUser: AdminReport["topUser"] = null;
  if (topUserId !== undefined) {
    try {
      topUser = await getUserUsage(transport, { userId: topUserId, days });
    } catch (error) {
      warn(`top-user drill-down skipped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { dashboard, costSummary, monthToDate, topUser, budgets, budgetAlerts };
}
