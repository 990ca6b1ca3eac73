// @ts-check
// The usage dashboard: spend by period, KPIs, charts, tables, and the drill-down into one user.
import {
  fetchAllCustomers,
  fetchAllUsers,
  fetchCostSummary,
  fetchDashboard,
  fetchMonthToDate,
  fetchUserUsage,
} from "./api.js";
import { chartCards } from "./chart-cards.js";
import { h, replaceChildren } from "./dom.js";
import { formatDateRange } from "./format.js";
import { kpiGrid, spendStrip } from "./kpis.js";
import { modelsTable } from "./model-table.js";
import { pageUrl } from "./page-url.js";
import { customersTable, unpricedTable, usersTable } from "./report-tables.js";
import { emptyBanner } from "./states.js";
import { userDetail } from "./user-detail.js";

/** @typedef {import("./page-state.js").PageState} PageState */
/** @typedef {Awaited<ReturnType<typeof fetchUsage>>} UsageData */

/**
 * The reports the dashboard shows for a range.
 * @param {string} token
 * @param {number} days
 */
export async function fetchUsage(token, days) {
  const [dashboard, costSummary, monthToDate] = await Promise.all([
    fetchDashboard(token, days),
    fetchCostSummary(token),
    fetchMonthToDate(token),
  ]);
  return { dashboard, costSummary, monthToDate };
}

/**
 * Lays the dashboard out in `container`, and the period line; reopens the drill-down the state names.
 * @param {PageState} state
 * @param {{ container: HTMLElement, periodLine: HTMLElement }} places
 * @param {UsageData} data
 */
export function renderUsage(state, { container, periodLine }, { dashboard, costSummary, monthToDate }) {
  const { period } = dashboard;
  const token = state.token ?? "";
  periodLine.textContent = `Last ${period.days} days · ${formatDateRange(period.start_date, period.end_date)} · ${period.time_zone}`;
  periodLine.dataset.days = String(period.days);
  const charts = chartCards(dashboard);
  const detailSlot = h("div", { class: "span-12 detail-slot" });
  state.detailSlot = detailSlot;
  state.userLabels = new Map(
    dashboard.by_user.map((user) => [user.user_id, user.user_email ?? user.user_id]),
  );
  state.redraws = charts.map((chart) => chart.redraw);
  const users = usersTable(
    dashboard,
    (user) => {
      history.pushState(null, "", pageUrl({ days: state.days, userId: user.user_id }));
      void openUser(state, user.user_id);
    },
    async () => (await fetchAllUsers(token, period.days)).rows,
  );
  users.classList.add("span-12");
  const models = modelsTable(dashboard);
  models.classList.add("span-12");
  replaceChildren(
    container,
    h(
      "div",
      { class: "content", "data-testid": "dashboard", "data-days": period.days },
      spendStrip(costSummary),
      dashboard.summary.total_requests === 0 ? emptyBanner(period.days) : null,
      kpiGrid(dashboard, monthToDate),
      h(
        "div",
        { class: "grid" },
        charts.map((chart, i) => {
          chart.element.classList.add(["span-8", "span-4", "span-6", "span-6"][i] ?? "span-6");
          return chart.element;
        }),
      ),
      h("div", { class: "grid" }, models),
      h("div", { class: "grid" }, users, detailSlot),
      h(
        "div",
        { class: "table-row" },
        customersTable(dashboard, async () => (await fetchAllCustomers(token, period.days)).rows),
        unpricedTable(dashboard),
      ),
    ),
  );
  for (const redraw of state.redraws) redraw();
  // A re-render (another range) keeps the drill-down where the reader is; one opened from a URL is
  // scrolled to, as the reader came for it.
  const opened = state.selectedUser;
  if (opened) void openUser(state, opened.userId, { scroll: opened.label === null });
}

/**
 * Opens the drill-down of `userId` (the URL already names them).
 * @param {PageState} state
 * @param {string} userId
 * @param {{ scroll?: boolean }} [options]
 */
export async function openUser(state, userId, { scroll = true } = {}) {
  const token = state.token;
  const slot = state.detailSlot;
  if (!token || !slot) return;
  const label = state.userLabels.get(userId) ?? userId;
  state.selectedUser = { userId, label };
  const detail = userDetail({
    userId,
    label,
    onClose: () => {
      history.pushState(null, "", pageUrl({ days: state.days, userId: null }));
      closeUser(state);
    },
  });
  replaceChildren(slot, detail.element);
  if (scroll) detail.element.scrollIntoView({ behavior: "smooth", block: "start" });
  const generation = state.generation;
  try {
    const usage = await fetchUserUsage(token, userId, state.days);
    if (generation !== state.generation || state.selectedUser?.userId !== userId) return;
    detail.show(usage);
    state.redraws.push(detail.redraw);
  } catch (error) {
    detail.fail(error);
  }
}

/** @param {PageState} state */
export function closeUser(state) {
  state.selectedUser = null;
  if (state.detailSlot) replaceChildren(state.detailSlot);
}
