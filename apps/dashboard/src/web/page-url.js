// @ts-check
// What the address bar holds: the range and the user whose drill-down is open, so that Back closes
// the drill-down instead of leaving the page, and a copied URL opens the same view (after sign-in).
// The session token never goes here (it arrives in the fragment and is taken out at once).

/**
 * @typedef {object} PageView
 * @property {number | null} days   `?days=`, null when absent or not a whole number
 * @property {string | null} userId `?user=`, the drill-down's user id
 */

/** @returns {PageView} */
export function readPageUrl() {
  const query = new URLSearchParams(location.search);
  const days = Number(query.get("days"));
  return { days: Number.isInteger(days) && days > 0 ? days : null, userId: query.get("user") || null };
}

/**
 * The current URL with `view` in its query (other parameters kept).
 * @param {{ days: number, userId: string | null }} view
 */
export function pageUrl(view) {
  const url = new URL(location.href);
  url.searchParams.set("days", String(view.days));
  if (view.userId) url.searchParams.set("user", view.userId);
  else url.searchParams.delete("user");
  return url.toString();
}
