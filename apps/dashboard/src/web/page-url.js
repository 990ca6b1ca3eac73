// @ts-check
// What the address bar holds: the range and the user whose drill-down is open, so that Back closes
// the drill-down instead of leaving the page, and a copied URL opens the same view (after sign-in).
// The session token never goes here (it arrives in the fragment and is taken out at once).

/** @typedef {"usage" | "budgets"} ViewName */

/**
 * @typedef {object} PageView
 * @property {ViewName} view        `?view=budgets`, else the usage dashboard
 * @property {number | null} days   `?days=`, null when absent or not a whole number
 * @property {string | null} userId `?user=`, the drill-down's user id
 */

/** @returns {PageView} */
export function readPageUrl() {
  const query = new URLSearchParams(location.search);
  const days = Number(query.get("days"));
  return {
    view: query.get("view") === "budgets" ? "budgets" : "usage",
    days: Number.isInteger(days) && days > 0 ? days : null,
    userId: query.get("user") || null,
  };
}

/**
 * The current URL showing `view` (other parameters kept). The range stays in it across views; a
 * drill-down belongs to the usage view only.
 * @param {{ view?: ViewName, days: number, userId: string | null }} view
 */
export function pageUrl(view) {
  const url = new URL(location.href);
  const name = view.view ?? readPageUrl().view;
  if (name === "budgets") url.searchParams.set("view", "budgets");
  else url.searchParams.delete("view");
  url.searchParams.set("days", String(view.days));
  if (view.userId && name === "usage") url.searchParams.set("user", view.userId);
  else url.searchParams.delete("user");
  return url.toString();
}
