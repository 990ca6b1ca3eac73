import { prepareDemoDatabase, silentProgress, startOfDatabaseUtcDay } from "@org/ai-usage-data/database";
import {
  compareMonthToDate,
  MONTH_TO_DATE_DAYS,
  type UsageDashboard,
  UsageDashboardSchema,
} from "@org/ai-usage-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminReportSchema, alertsShown, buildAdminReport } from "../src/demo/admin-report.js";
import { seedDemoBudgets } from "../src/demo/budgets/seed-demo-budgets.js";
import { readInOneSnapshot } from "../src/demo/read-in-one-snapshot.js";
import { renderAdminReport } from "../src/demo/render-report.js";
import { formatInteger, formatUsd } from "../src/text/format.js";
import { type FreshDatabase, freshDatabase, reportingTimeZone } from "./fresh-database.js";
import { runCli } from "./run-cli.js";

const smallDemo = { events: 3_000, days: 70, users: 40, customers: 10, seed: 11 };

let database: FreshDatabase;
let end: Date;
beforeAll(async () => {
  database = await freshDatabase();
  // Ends today by the database's clock, like the real demo, so the 30-day window and the month
  // comparison have data.
  end = await startOfDatabaseUtcDay(database.pool);
  await prepareDemoDatabase(database.pool, database.url, end, () => silentProgress, smallDemo);
  await seedDemoBudgets(database.pool);
});
afterAll(() => database.close());

/** The SDK's month-to-date comparison of a dashboard that reaches back to last month's 1st. */
function monthToDateOf(twoMonths: UsageDashboard) {
  return compareMonthToDate(twoMonths.daily_trend, twoMonths.period.end_date, twoMonths.previous_month);
}

/** What the SQL functions return when called directly, without the SDK (one statement: one now()). */
async function fromSql(client: Pick<FreshDatabase["pool"], "query">) {
  const result = await client.query(
    `select d as dashboard, get_ai_cost_summary() as cost_summary,
            get_user_ai_usage((d -> 'by_user' -> 0 ->> 'user_id')::uuid, 30) as top_user,
            list_ai_usage_budgets() as budgets, list_ai_usage_budget_alerts(${alertsShown}) as budget_alerts,
            get_ai_usage_dashboard(${MONTH_TO_DATE_DAYS}) as two_months
     from get_ai_usage_dashboard(30) d`,
  );
  const row = result.rows[0] as Record<string, unknown>;
  return {
    dashboard: row.dashboard,
    costSummary: row.cost_summary,
    topUser: row.top_user,
    // Through the SDK's schemas, which keep bigint ids exact as decimal strings.
    budgets: AdminReportSchema.shape.budgets.parse(row.budgets),
    budgetAlerts: AdminReportSchema.shape.budgetAlerts.parse(row.budget_alerts),
    monthToDate: monthToDateOf(UsageDashboardSchema.parse(row.two_months)),
  };
}

/** The SDK's report and the SQL functions' answer, read in one transaction: the same day by construction. */
const reportAndSql = () =>
  readInOneSnapshot(database.pool, async (transport, client) => ({
    report: await buildAdminReport(transport, 30),
    sql: await fromSql(client),
  }));

/** A report with the budget figures that change from one second to the next left out. */
function withoutClockFigures(report: unknown) {
  const { budgets, ...rest } = report as { budgets: Array<Record<string, unknown>> };
  return {
    ...rest,
    budgets: budgets.map(({ burn_rate_usd_per_day: _rate, projected_usd: _projected, ...budget }) => budget),
  };
}

describe("the demo's admin report", () => {
  it("seeds an empty database once, and leaves a database with usage alone", async () => {
    const again = await prepareDemoDatabase(
      database.pool,
      database.url,
      end,
      () => silentProgress,
      smallDemo,
    );
    expect(again).toEqual({ migrationsApplied: [], logWasEmpty: false, seeded: null });
  });

  it("holds exactly what the SQL functions return", async () => {
    const { report, sql } = await reportAndSql();
    expect(report.dashboard).toEqual(sql.dashboard);
    expect(report.costSummary).toEqual(sql.costSummary);
    expect(report.topUser).toEqual(sql.topUser);
    expect(report.budgets).toEqual(sql.budgets);
    expect(report.budgetAlerts).toEqual(sql.budgetAlerts);
    expect(report.budgets).toHaveLength(3);
    expect(report.dashboard.period.time_zone).toBe(reportingTimeZone);
    expect(report.dashboard.summary.total_requests).toBeGreaterThan(500);
    expect(report.dashboard.unpriced_models.map((model) => model.model_used)).toEqual(["mistral-large-2411"]);
    // Three priced providers (Gemini among them) and the unpriced one.
    const providers = report.dashboard.by_model
      .filter((model) => model.cost > 0)
      .map((model) => model.provider);
    expect(new Set(providers)).toEqual(new Set(["anthropic", "openai", "google"]));
  });

  it("prints the same numbers as tables", async () => {
    const { report } = await reportAndSql();
    const text = renderAdminReport(report);
    const { summary, costs, by_user, by_customer } = report.dashboard;
    for (const expected of [
      formatInteger(summary.total_requests),
      formatInteger(summary.total_tokens),
      formatUsd(costs.total_cost_usd),
      formatUsd(costs.cache_write_cost_usd),
      formatUsd(costs.cache_savings_usd),
      by_user[0]!.user_email!,
      by_customer[0]!.customer_name!,
      "mistral-large-2411",
      `Top user: ${by_user[0]!.user_email}`,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/█/);
  });

  it("`pnpm demo --json` prints the SQL functions' output", async () => {
    const read = () => readInOneSnapshot(database.pool, (_transport, client) => fromSql(client));
    // The CLI reads in a snapshot of its own: if the reporting day turns while it runs, its report
    // is the one of the day before or of the day after.
    const before = await read();
    const run = await runCli("demo-cli.ts", ["--json", "--database-url", database.url]);
    const after = await read();
    expect(run.exitCode, run.stderr).toBe(0);
    const printed = AdminReportSchema.parse(JSON.parse(run.stdout));
    const sameDay = [before, after].find(
      (sql) =>
        (sql.dashboard as typeof printed.dashboard).period.end_date === printed.dashboard.period.end_date,
    );
    // Burn rate and projection move with the clock; everything else is read at one instant.
    expect(withoutClockFigures(printed)).toEqual(withoutClockFigures(sameDay));
  });
});
