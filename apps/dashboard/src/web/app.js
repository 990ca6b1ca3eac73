// @ts-check
// The page's controller: holds the token and the range, loads the reports, lays out the sections.
import {
  ApiError,
  fetchAllCustomers,
  fetchAllUsers,
  fetchCostSummary,
  fetchDashboard,
  fetchMonthToDate,
  fetchUserUsage,
  forgetToken,
  saveToken,
  takeToken,
} from "./api.js";
import { loadBudgetsPage } from "./budgets-view.js";
import { chartCards } from "./chart-cards.js";
import { h, replaceChildren } from "./dom.js";
import { formatDateRange } from "./format.js";
import { kpiGrid, spendStrip } from "./kpis.js";
import { pageUrl, readPageUrl } from "./page-url.js";
import { customersTable, unpricedTable, usersTable } from "./report-tables.js";
import { emptyBanner, errorView, loadingView, signInView } from "./states.js";
import { userDetail } from "./user-detail.js";

/** @typedef {import("@org/ai-usage-sdk").UsageDashboard} UsageDashboard */
/** @typedef {import("@org/ai-usage-sdk").CostSummary} CostSummary */
/** @typedef {import("./api.js").MonthToDate} MonthToDate */

const RANGES = [7, 30, 90];
const app = /** @type {HTMLElement} */ (document.getElementById("app"));
const periodLine = /** @type {HTMLElement} */ (document.getElementById("period"));
const rangeButtons = /** @type {HTMLButtonElement[]} */ ([...document.querySelectorAll("[data-days]")]);
const rangeControl = /** @type {HTMLElement} */ (document.querySelector(".range"));
const viewLinks = /** @type {HTMLAnchorElement[]} */ ([...document.querySelectorAll("[data-view]")]);
const signOutButton = /** @type {HTMLButtonElement} */ (document.getElementById("sign-out"));

const state = {
  token: takeToken(),
  /** The usage dashboard or the budgets page. */
  view: readPageUrl().view,
  /** The budgets page also lists ended budgets. */
  includeEnded: false,
  /** A line the budgets page shows once after a change ("Set ..."). */
  /** @type {string | null} */
  budgetsNotice: null,
  days: rangeOf(readPageUrl().days),
  /** Bumped on every load, so a slow answer for an old range never overwrites a newer one. */
  generation: 0,
  /** The drill-down's user (from the URL, or a click); the label is their email once known. */
  /** @type {{ userId: string, label: string | null } | null} */
  selectedUser: selectedUserOf(readPageUrl().userId),
  /** E-mail addresses of the top users, to label a drill-down opened from a URL. */
  /** @type {Map<string, string>} */
  userLabels: new Map(),
  /** Where the drill-down goes in the current rendering. */
  /** @type {HTMLElement | null} */
  detailSlot: null,
  /** @type {(() => void)[]} */
  redraws: [],
};

/** @param {number | null} fromUrl */
function rangeOf(fromUrl) {
  const fromServer = Number(document.querySelector('meta[name="default-days"]')?.getAttribute("content"));
  return [fromUrl, fromServer].find((days) => days !== null && RANGES.includes(days)) ?? 30;
}

/** @param {string | null} userId */
function selectedUserOf(userId) {
  return userId ? { userId, label: null } : null;
}

function showRange() {
  for (const button of rangeButtons)
    button.setAttribute("aria-pressed", String(Number(button.dataset.days) === state.days));
}

/** Marks the current view in the top bar; the range is the usage view's only. */
function showView() {
  for (const link of viewLinks) {
    const view = /** @type {import("./page-url.js").ViewName} */ (link.dataset.view);
    link.href = pageUrl({ view, days: state.days, userId: state.selectedUser?.userId ?? null });
    if (view === state.view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  rangeControl.hidden = state.view !== "usage";
}

/** @param {string | null} problem */
function showSignIn(problem) {
  state.token = null;
  state.redraws = [];
  signOutButton.hidden = true;
  periodLine.textContent = "";
  replaceChildren(
    app,
    signInView(problem, (token) => {
      saveToken(token);
      state.token = token;
      void load();
    }),
  );
}

async function load() {
  const token = state.token;
  if (!token) return showSignIn(null);
  const generation = ++state.generation;
  signOutButton.hidden = false;
  app.setAttribute("aria-busy", "true");
  if (!app.querySelector(".content")) replaceChildren(app, loadingView());
  try {
    if (state.view === "budgets") {
      const notice = state.budgetsNotice;
      state.budgetsNotice = null;
      const page = await loadBudgetsPage(token, { includeEnded: state.includeEnded, notice, reload });
      if (generation !== state.generation) return;
      state.redraws = [];
      periodLine.textContent = page.timeZone ? `Budgets · periods in ${page.timeZone}` : "Budgets";
      replaceChildren(app, page.element);
      return;
    }
    const [dashboard, costSummary, monthToDate] = await Promise.all([
      fetchDashboard(token, state.days),
      fetchCostSummary(token),
      fetchMonthToDate(token),
    ]);
    if (generation !== state.generation) return;
    render(dashboard, costSummary, monthToDate);
  } catch (error) {
    if (generation !== state.generation) return;
    if (error instanceof ApiError && error.status === 401) {
      forgetToken();
      return showSignIn(`The server did not accept the token: ${error.message}`);
    }
    state.redraws = [];
    periodLine.textContent = "";
    replaceChildren(
      app,
      errorView(error, () => void load()),
    );
  } finally {
    if (generation === state.generation) app.removeAttribute("aria-busy");
  }
}

/**
 * The budgets page changed something (or its toggle): load it again, with a line to show.
 * @param {{ includeEnded?: boolean, notice?: string }} change
 */
function reload(change) {
  if (change.includeEnded !== undefined) state.includeEnded = change.includeEnded;
  state.budgetsNotice = change.notice ?? null;
  void load();
}

/**
 * @param {UsageDashboard} dashboard
 * @param {CostSummary} costSummary
 * @param {MonthToDate} monthToDate
 */
function render(dashboard, costSummary, monthToDate) {
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
  replaceChildren(
    app,
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
      h(
        "div",
        { class: "grid" },
        withClass(
          usersTable(
            dashboard,
            (user) => {
              history.pushState(null, "", pageUrl({ days: state.days, userId: user.user_id }));
              openUser(user.user_id);
            },
            async () => (await fetchAllUsers(token, period.days)).rows,
          ),
          "span-12",
        ),
        detailSlot,
      ),
      h(
        "div",
        { class: "table-row" },
        customersTable(dashboard, async () => (await fetchAllCustomers(token, period.days)).rows),
        unpricedTable(dashboard),
      ),
    ),
  );
  redrawAll();
  // A re-render (another range) keeps the drill-down where the reader is; one opened from a URL is
  // scrolled to, as the reader came for it.
  const opened = state.selectedUser;
  if (opened) openUser(opened.userId, { scroll: opened.label === null });
}

/**
 * Opens the drill-down of `userId` (the URL already names them).
 * @param {string} userId
 * @param {{ scroll?: boolean }} [options]
 */
async function openUser(userId, { scroll = true } = {}) {
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
      closeUser();
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

/**
 * @param {HTMLElement} element
 * @param {string} className
 */
function withClass(element, className) {
  element.classList.add(className);
  return element;
}

function closeUser() {
  state.selectedUser = null;
  if (state.detailSlot) replaceChildren(state.detailSlot);
}

function redrawAll() {
  for (const redraw of state.redraws) redraw();
}

let resizeTimer = 0;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(redrawAll, 120);
});

for (const button of rangeButtons) {
  button.addEventListener("click", () => {
    const days = Number(button.dataset.days);
    if (days === state.days) return;
    state.days = days;
    history.replaceState(null, "", pageUrl({ days, userId: state.selectedUser?.userId ?? null }));
    showRange();
    showView();
    void load();
  });
}

for (const link of viewLinks) {
  link.addEventListener("click", (event) => {
    const view = /** @type {import("./page-url.js").ViewName} */ (link.dataset.view);
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    if (view === state.view) return;
    history.pushState(null, "", pageUrl({ view, days: state.days, userId: null }));
    state.view = view;
    state.selectedUser = null;
    showView();
    void load();
  });
}

// Back and Forward: show what the URL names (another view or range reloads; another user opens or
// closes).
window.addEventListener("popstate", () => {
  const view = readPageUrl();
  const days = rangeOf(view.days);
  if (view.view !== state.view) {
    state.view = view.view;
    state.days = days;
    state.selectedUser = selectedUserOf(view.userId);
    showRange();
    showView();
    void load();
  } else if (days !== state.days) {
    state.days = days;
    state.selectedUser = selectedUserOf(view.userId);
    showRange();
    void load();
  } else if (view.userId !== (state.selectedUser?.userId ?? null)) {
    if (view.userId) openUser(view.userId);
    else closeUser();
  }
});

signOutButton.addEventListener("click", () => {
  forgetToken();
  state.selectedUser = null;
  showSignIn(null);
});

showRange();
showView();
void load();
