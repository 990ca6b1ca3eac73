// @ts-check
// What the page holds between loads: the session, the view and range, the drill-down.
import { takeToken } from "./api.js";
import { readPageUrl } from "./page-url.js";

const RANGES = [7, 30, 90];

/**
 * @typedef {object} PageState
 * @property {string | null} token  the signed-in session's access token
 * @property {import("./page-url.js").ViewName} view  the usage dashboard or the budgets page
 * @property {number} days  the usage dashboard's range
 * @property {boolean} includeEnded  the budgets page also lists ended budgets
 * @property {string | null} budgetsNotice  a line the budgets page shows once after a change
 * @property {number} generation  bumped on every load, so a slow answer for an old view never overwrites a newer one
 * @property {{ userId: string, label: string | null } | null} selectedUser  the drill-down's user; the label is their email once known
 * @property {Map<string, string>} userLabels  e-mail addresses of the top users, to label a drill-down opened from a URL
 * @property {HTMLElement | null} detailSlot  where the drill-down goes in the current rendering
 * @property {(() => void)[]} redraws  charts to draw again at a new width
 */

/** @returns {PageState} the state the URL and this tab's session describe */
export function initialPageState() {
  const url = readPageUrl();
  return {
    token: takeToken(),
    view: url.view,
    days: rangeOf(url.days),
    includeEnded: false,
    budgetsNotice: null,
    generation: 0,
    selectedUser: selectedUserOf(url.userId),
    userLabels: new Map(),
    detailSlot: null,
    redraws: [],
  };
}

/**
 * The range the URL asks for if the page offers it, else the server's default (`--days`).
 * @param {number | null} fromUrl
 */
export function rangeOf(fromUrl) {
  const fromServer = Number(document.querySelector('meta[name="default-days"]')?.getAttribute("content"));
  return [fromUrl, fromServer].find((days) => days !== null && RANGES.includes(days)) ?? 30;
}

/**
 * A drill-down named by the URL: its label comes when the dashboard (its top users) is known.
 * @param {string | null} userId
 */
export function selectedUserOf(userId) {
  return userId ? { userId, label: null } : null;
}
