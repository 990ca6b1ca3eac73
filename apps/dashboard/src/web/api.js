// @ts-check
// The browser's side of the JSON API: it holds the signed-in admin's access token (a JWT) and sends
// it as a Bearer token. The server verifies it and asks the database as that user, so the database's
// own admin check decides what comes back.

/** @typedef {import("@org/ai-usage-sdk").UsageDashboard} UsageDashboard */
/** @typedef {import("@org/ai-usage-sdk").UserUsage} UserUsage */
/** @typedef {import("@org/ai-usage-sdk").CostSummary} CostSummary */
/** @typedef {import("@org/ai-usage-sdk").MonthToDate} MonthToDate */
/** @typedef {import("../server/full-export.js").UserExport} UserExport */
/** @typedef {import("../server/full-export.js").CustomerExport} CustomerExport */

const STORAGE_KEY = "ai-usage-dashboard.token";

/** A failed API call: `status` 0 means the server could not be reached at all. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {string | undefined} hint
   * @param {string} [field]  the argument an SDK check refused (`limitUsd`, `userId`, ...)
   */
  constructor(status, code, message, hint, field) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.hint = hint;
    this.field = field;
  }
}

/**
 * Takes a token handed over in the URL fragment (`#token=...`: fragments never reach a server or a
 * Referer header), keeps it for this tab only, and removes it from the address bar and history.
 * @returns {string | null} the token to use, from the fragment or from earlier in this tab
 */
export function takeToken() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const fromFragment = fragment.get("token");
  if (fromFragment) {
    sessionStorage.setItem(STORAGE_KEY, fromFragment);
    history.replaceState(null, "", location.pathname + location.search);
  }
  return sessionStorage.getItem(STORAGE_KEY);
}

/** @param {string} token */
export function saveToken(token) {
  sessionStorage.setItem(STORAGE_KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(STORAGE_KEY);
}

/**
 * @template T
 * @param {string} path
 * @param {string} token
 * @returns {Promise<T>}
 */
function getJson(path, token) {
  return requestJson(path, token);
}

/**
 * A call of the JSON API; with `body`, a POST of it as JSON.
 * @template T
 * @param {string} path
 * @param {string} token
 * @param {unknown} [payload]
 * @returns {Promise<T>}
 */
export async function requestJson(path, token, payload) {
  /** @type {Record<string, string>} */
  const headers = { authorization: `Bearer ${token}`, accept: "application/json" };
  if (payload !== undefined) headers["content-type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method: payload === undefined ? "GET" : "POST",
      headers,
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
  } catch {
    throw new ApiError(0, "unreachable", "The dashboard server could not be reached.", undefined);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body?.error ?? {};
    throw new ApiError(
      response.status,
      String(error.code ?? response.status),
      String(error.message ?? response.statusText),
      error.hint ? String(error.hint) : undefined,
      error.field ? String(error.field) : undefined,
    );
  }
  return body;
}

/**
 * @param {string} token
 * @param {number} days
 * @returns {Promise<UsageDashboard>}
 */
export function fetchDashboard(token, days) {
  return getJson(`/api/dashboard?days=${days}`, token);
}

/**
 * @param {string} token
 * @param {string} userId
 * @param {number} days
 * @returns {Promise<UserUsage>}
 */
export function fetchUserUsage(token, userId, days) {
  return getJson(`/api/users/${encodeURIComponent(userId)}?days=${days}`, token);
}

/**
 * @param {string} token
 * @returns {Promise<CostSummary>}
 */
export function fetchCostSummary(token) {
  return getJson("/api/cost-summary", token);
}

/**
 * Every user of the range (the dashboard's table holds the top 25).
 * @param {string} token
 * @param {number} days
 * @returns {Promise<UserExport>}
 */
export function fetchAllUsers(token, days) {
  return getJson(`/api/export/users?days=${days}`, token);
}

/**
 * Every customer of the range.
 * @param {string} token
 * @param {number} days
 * @returns {Promise<CustomerExport>}
 */
export function fetchAllCustomers(token, days) {
  return getJson(`/api/export/customers?days=${days}`, token);
}

/**
 * @param {string} token
 * @returns {Promise<MonthToDate>}
 */
export function fetchMonthToDate(token) {
  return getJson("/api/month-to-date", token);
}
