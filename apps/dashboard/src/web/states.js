// @ts-check
// What the page shows instead of data: loading, sign-in, access denied, other errors, nothing yet.
import { ApiError } from "./api.js";
import { h } from "./dom.js";

export function loadingView() {
  return h(
    "div",
    { class: "state", "data-testid": "loading" },
    h("div", { class: "spinner" }),
    h("p", {}, "Loading usage…"),
  );
}

/**
 * @param {unknown} error
 * @param {() => void} [retry]
 */
export function errorView(error, retry) {
  const apiError = error instanceof ApiError ? error : null;
  if (apiError?.status === 403) {
    return h(
      "div",
      { class: "state error", role: "alert", "data-testid": "access-error" },
      h("h2", {}, "Access denied"),
      apiError.code === "42501"
        ? h("p", {}, "This account is not an AI usage admin, so the database does not show it this report.")
        : null,
      h("p", { class: "muted" }, apiError.message),
      apiError.hint ? h("p", { class: "muted" }, apiError.hint) : null,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return h(
    "div",
    { class: "state error", role: "alert", "data-testid": "error-state" },
    h("h2", {}, apiError?.status === 0 ? "Server unreachable" : "Could not load the usage"),
    h("p", {}, message),
    retry ? h("button", { type: "button", onclick: retry }, "Try again") : null,
  );
}

/**
 * Shown without a token, or when the server turned the token down (expired, wrong signature).
 * @param {string | null} problem
 * @param {(token: string) => void} onToken
 */
export function signInView(problem, onToken) {
  const input = h("textarea", {
    name: "token",
    rows: 4,
    required: true,
    placeholder: "eyJhbGciOiJIUzI1NiIs…",
    autocomplete: "off",
    spellcheck: "false",
  });
  /** @param {Event} event */
  const submit = (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (token) onToken(token);
  };
  return h(
    "div",
    { class: "state sign-in", "data-testid": "sign-in" },
    h("h2", {}, "Sign in"),
    problem ? h("p", { class: "warn", role: "alert" }, problem) : null,
    h(
      "p",
      {},
      "Paste the access token (JWT) of a signed-in admin: the URL printed by ",
      h("code", {}, "pnpm dashboard"),
      " carries one for the local demo; on Supabase use the admin's session ",
      h("code", {}, "access_token"),
      ".",
    ),
    h("form", { onsubmit: submit }, input, h("button", { type: "submit" }, "Open dashboard")),
  );
}

/** @param {number} days */
export function emptyBanner(days) {
  return h(
    "div",
    { class: "banner", "data-testid": "empty-state" },
    h("strong", {}, `No AI usage in the last ${days} days.`),
    " Requests appear here as soon as the app logs them (or run ",
    h("code", {}, "pnpm seed"),
    " for demo data).",
  );
}
