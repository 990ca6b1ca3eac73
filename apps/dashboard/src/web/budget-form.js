// @ts-check
// Setting a budget. The form checks nothing the server does not: the SDK's schema and then
// set_ai_usage_budget decide, and their words come back beside the field they are about (or above
// the form, for the database's own checks).
import { ApiError } from "./api.js";
import { scopeWords } from "./budget-words.js";
import { h, replaceChildren } from "./dom.js";

/** @typedef {import("@org/ai-usage-sdk").BudgetInput} BudgetInput */
/** @typedef {{ value: string, label: string }} Suggestion */

const NEEDS = {
  project: { user: false, customer: false },
  customer: { user: false, customer: true },
  user: { user: true, customer: false },
  user_in_customer: { user: true, customer: true },
};

/**
 * @param {{
 *   users: Suggestion[],
 *   customers: Suggestion[],
 *   onSubmit: (budget: BudgetInput) => Promise<void>,
 * }} spec
 */
export function budgetForm({ users, customers, onSubmit }) {
  const problem = h("p", { class: "warn form-problem", role: "alert", "data-testid": "budget-form-error" });
  problem.hidden = true;
  const scope = select(
    "scope",
    Object.keys(NEEDS).map((key) => [key, scopeWords(/** @type {any} */ (key))]),
  );
  const fields = {
    name: input("name", { type: "text", maxlength: 200, placeholder: "e.g. Alice monthly" }),
    userId: input("userId", { type: "text", list: "budget-users", placeholder: "user id (UUID)" }),
    customerId: input("customerId", { type: "number", list: "budget-customers", step: 1 }),
    limitUsd: input("limitUsd", { type: "number", min: 0.01, step: 0.01, required: true }),
    thresholds: input("thresholds", { type: "text", value: "50, 80, 100" }),
    effectiveTo: input("effectiveTo", { type: "datetime-local" }),
  };
  const period = select("period", [
    ["month", "Monthly (calendar month)"],
    ["week", "Weekly (from Monday)"],
    ["day", "Daily"],
  ]);
  const mode = select("mode", [
    ["hard", "Hard: refuse requests that would go over"],
    ["soft", "Soft: alert only"],
  ]);
  const userRow = row("User", fields.userId);
  const customerRow = row("Customer id", fields.customerId);
  const showTargets = () => {
    const needs = NEEDS[/** @type {keyof typeof NEEDS} */ (scope.value)];
    userRow.hidden = !needs.user;
    customerRow.hidden = !needs.customer;
  };
  scope.addEventListener("change", showTargets);
  showTargets();
  const submitButton = h("button", { type: "submit" }, "Set budget");

  /** @param {Event} event */
  async function submit(event) {
    event.preventDefault();
    clearProblems();
    const thresholds = fields.thresholds.value
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean);
    if (thresholds.some((part) => !/^\d+$/.test(part)))
      return showProblem("thresholds", "whole percents separated by commas, e.g. 50, 80, 100");
    const needs = NEEDS[/** @type {keyof typeof NEEDS} */ (scope.value)];
    /** @type {BudgetInput} */
    const budget = {
      scope: /** @type {BudgetInput["scope"]} */ (scope.value),
      limitUsd: Number(fields.limitUsd.value),
      period: /** @type {BudgetInput["period"]} */ (period.value),
      mode: /** @type {BudgetInput["mode"]} */ (mode.value),
      ...(needs.user ? { userId: fields.userId.value.trim() } : {}),
      ...(needs.customer ? { customerId: Number(fields.customerId.value) } : {}),
      ...(thresholds.length > 0 ? { thresholds: thresholds.map(Number) } : {}),
      ...(fields.name.value.trim() ? { name: fields.name.value.trim() } : {}),
      // A local date and time of this browser, sent as the instant it names.
      ...(fields.effectiveTo.value ? { effectiveTo: new Date(fields.effectiveTo.value).toISOString() } : {}),
    };
    submitButton.disabled = true;
    try {
      await onSubmit(budget);
      form.reset();
      showTargets();
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) showProblem(error.field, error.message);
      else showProblem(undefined, error instanceof Error ? error.message : String(error));
    } finally {
      submitButton.disabled = false;
    }
  }

  /**
   * @param {string | undefined} field
   * @param {string} message
   */
  function showProblem(field, message) {
    const target = field && field in fields ? fields[/** @type {keyof typeof fields} */ (field)] : null;
    // "userId: must be a UUID" reads "User: must be a UUID" beside the form's own label.
    const words = field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
    replaceChildren(problem, target ? `${labelOf(target)}: ${words}` : words);
    problem.hidden = false;
    if (target) {
      target.setAttribute("aria-invalid", "true");
      target.focus();
    }
  }

  function clearProblems() {
    problem.hidden = true;
    for (const field of Object.values(fields)) field.removeAttribute("aria-invalid");
  }

  const form = h(
    "form",
    { class: "budget-form", "data-testid": "budget-form", novalidate: true, onsubmit: submit },
    problem,
    row("Name", fields.name),
    row("Covers", scope),
    userRow,
    customerRow,
    row("Limit (USD)", fields.limitUsd),
    row("Period", period),
    row("Mode", mode),
    row("Alert at (% of the limit)", fields.thresholds),
    row("Ends (optional)", fields.effectiveTo),
    h("div", { class: "form-actions" }, submitButton),
    datalist("budget-users", users),
    datalist("budget-customers", customers),
  );
  return form;
}

/**
 * @param {string} name
 * @param {Record<string, string | number | boolean>} attributes
 */
function input(name, attributes) {
  return h("input", { name, id: `budget-${name}`, autocomplete: "off", ...attributes });
}

/**
 * @param {string} name
 * @param {[string, string][]} options
 */
function select(name, options) {
  return h(
    "select",
    { name, id: `budget-${name}` },
    options.map(([value, label]) => h("option", { value }, label)),
  );
}

/**
 * @param {string} label
 * @param {HTMLElement} control
 */
function row(label, control) {
  return h("div", { class: "form-row" }, h("label", { for: control.id }, label), control);
}

/** @param {HTMLElement} control */
function labelOf(control) {
  return control.closest(".form-row")?.querySelector("label")?.textContent ?? control.id;
}

/**
 * @param {string} id
 * @param {Suggestion[]} suggestions
 */
function datalist(id, suggestions) {
  return h(
    "datalist",
    { id },
    suggestions.map((suggestion) => h("option", { value: suggestion.value }, suggestion.label)),
  );
}
