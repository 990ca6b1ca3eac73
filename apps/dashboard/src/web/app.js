// @ts-check
// The page's controller: holds the session, the view and the range, loads them, follows the URL.
import { ApiError, forgetToken, saveToken } from "./api.js";
import { loadBudgetsPage } from "./budgets-view.js";
import { replaceChildren } from "./dom.js";
import { initialPageState, rangeOf, selectedUserOf } from "./page-state.js";
import { pageUrl, readPageUrl } from "./page-url.js";
import { errorView, loadingView, signInView } from "./states.js";
import { closeUser, fetchUsage, openUser, renderUsage } from "./usage-view.js";

/** @typedef {import("./page-url.js").ViewName} ViewName */

const app = /** @type {HTMLElement} */ (document.getElementById("app"));
const periodLine = /** @type {HTMLElement} */ (document.getElementById("period"));
const rangeButtons = /** @type {HTMLButtonElement[]} */ ([...document.querySelectorAll("[data-days]")]);
const rangeControl = /** @type {HTMLElement} */ (document.querySelector(".range"));
const viewLinks = /** @type {HTMLAnchorElement[]} */ ([...document.querySelectorAll("[data-view]")]);
const signOutButton = /** @type {HTMLButtonElement} */ (document.getElementById("sign-out"));

const state = initialPageState();

function showRange() {
  for (const button of rangeButtons)
    button.setAttribute("aria-pressed", String(Number(button.dataset.days) === state.days));
}

/** Marks the current view in the top bar; the range is the usage view's only. */
function showView() {
  for (const link of viewLinks) {
    const view = /** @type {ViewName} */ (link.dataset.view);
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
    const usage = await fetchUsage(token, state.days);
    if (generation !== state.generation) return;
    renderUsage(state, { container: app, periodLine }, usage);
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

let resizeTimer = 0;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => {
    for (const redraw of state.redraws) redraw();
  }, 120);
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
    // A new tab or window (middle click, modifier keys) follows the link itself.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    const view = /** @type {ViewName} */ (link.dataset.view);
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
  const url = readPageUrl();
  const days = rangeOf(url.days);
  if (url.view !== state.view || days !== state.days) {
    state.view = url.view;
    state.days = days;
    state.selectedUser = selectedUserOf(url.userId);
    showRange();
    showView();
    void load();
  } else if (url.userId !== (state.selectedUser?.userId ?? null)) {
    if (url.userId) void openUser(state, url.userId);
    else closeUser(state);
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
