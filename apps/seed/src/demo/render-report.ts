import type { AdminReport } from "./admin-report.js";
import { renderBreakdowns } from "./render/breakdown-section.js";
import { renderBudgets } from "./render/budgets-section.js";
import { renderDailyChart } from "./render/daily-chart-section.js";
import { renderPeriods } from "./render/periods-section.js";
import { renderRankings } from "./render/rankings-section.js";
import { renderSummary } from "./render/summary-section.js";
import { renderTopUser } from "./render/top-user-section.js";
import { renderUnpriced } from "./render/unpriced-section.js";

/** The admin report as terminal text, section by section. */
export function renderAdminReport(report: AdminReport): string {
  const { dashboard, costSummary, monthToDate, topUser, budgets, budgetAlerts } = report;
  const sections = [
    renderSummary(dashboard),
    renderPeriods(monthToDate, costSummary),
    renderDailyChart(dashboard),
    renderRankings(dashboard),
    renderBreakdowns(dashboard),
    renderUnpriced(dashboard),
    renderBudgets(budgets, budgetAlerts, dashboard.period.time_zone),
  ];
  const topEmail = dashboard.by_user[0]?.user_email ?? dashboard.by_user[0]?.user_id;
  if (topUser && topEmail) sections.push(renderTopUser(topEmail, topUser));
  return `${sections.join("\n")}\n`;
}
