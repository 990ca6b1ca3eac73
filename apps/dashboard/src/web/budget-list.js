// @ts-check
// The budgets in force, nearest their cap first (the database's order): spend and holds against the
// limit as a bar with the alert thresholds marked, burn rate and the projection at period end.
import { budgetTarget, budgetTitle, periodWord } from "./budget-words.js";
import { h } from "./dom.js";
import { formatTimestamp, formatUsd } from "./format.js";

/** @typedef {import("@org/ai-usage-sdk").BudgetStatus} BudgetStatus */
/** @typedef {import("./budgets-api.js").ListedBudget} ListedBudget */

/**
 * @param {{ budgets: ListedBudget[], timeZone: string, onEnd: (budget: BudgetStatus) => void }} spec
 */
export function budgetList({ budgets, timeZone, onEnd }) {
  if (budgets.length === 0)
    return h(
      "p",
      { class: "empty-note", "data-testid": "budgets-empty" },
      "No budget is in force: every request is admitted. Set one below.",
    );
  return h(
    "ol",
    { class: "budget-list", "data-testid": "budget-list" },
    budgets.map((budget) => budgetRow(budget, timeZone, onEnd)),
  );
}

/**
 * @param {ListedBudget} budget
 * @param {string} timeZone
 * @param {(budget: BudgetStatus) => void} onEnd
 */
function budgetRow(budget, timeZone, onEnd) {
  const ended = budget.ended;
  const limit = budget.limit_usd ?? 0;
  const spent = budget.spent_usd ?? 0;
  const held = budget.held_usd ?? 0;
  const projected = budget.projected_usd ?? 0;
  const overPace = projected > limit;
  return h(
    "li",
    {
      class: `budget${budget.exhausted ? " exhausted" : ""}${ended ? " ended" : ""}`,
      "data-testid": `budget-${budget.budget_id}`,
    },
    h(
      "div",
      { class: "budget-head" },
      h(
        "div",
        {},
        h("strong", { class: "budget-title" }, budgetTitle(budget)),
        // A budget without a name is titled by its period and target already.
        budget.name
          ? h(
              "span",
              { class: "muted" },
              ` ${periodWord(budget.period).toLowerCase()} · ${budgetTarget(budget)}`,
            )
          : null,
        h(
          "span",
          {},
          " ",
          h("span", { class: `tag ${budget.mode === "hard" ? "error" : "warn"}` }, budget.mode),
          budget.exhausted ? h("span", { class: "tag error" }, "exhausted") : null,
          ended ? h("span", { class: "tag" }, "ended") : null,
        ),
      ),
      ended
        ? null
        : h(
            "button",
            { type: "button", class: "secondary small", onclick: () => onEnd(budget) },
            "End budget",
          ),
    ),
    usageBar(budget),
    h(
      "p",
      { class: "budget-figures" },
      h("strong", { "data-testid": "budget-spent" }, formatUsd(spent)),
      " spent",
      held > 0 ? ` + ${formatUsd(held)} held` : "",
      " of ",
      h("strong", { "data-testid": "budget-limit" }, formatUsd(limit)),
      ` (${(budget.percent_used ?? 0).toFixed(1)} %)`,
      h("span", { class: "muted" }, ` · ${formatUsd(budget.remaining_usd ?? 0)} left`),
    ),
    h(
      "p",
      { class: "muted budget-pace" },
      `Burning ${formatUsd(budget.burn_rate_usd_per_day ?? 0)} a day: `,
      h(
        "span",
        { class: overPace ? "warn" : undefined, "data-testid": "budget-projected" },
        `${formatUsd(projected)} by the end of the period`,
      ),
      overPace ? " (over the limit)" : "",
      ` · resets ${formatTimestamp(budget.resets_at, timeZone)}`,
    ),
  );
}

/**
 * Spent (solid) and held (lighter) against the limit, the thresholds as ticks. Spend past the limit
 * fills the bar; the figures below say by how much.
 * @param {BudgetStatus} budget
 */
function usageBar(budget) {
  const limit = budget.limit_usd ?? 0;
  /** @param {number} value */
  const share = (value) => (limit > 0 ? Math.min(Math.max(value / limit, 0), 1) * 100 : 0);
  const spentShare = share(budget.spent_usd ?? 0);
  const heldShare = Math.min(share(budget.held_usd ?? 0), 100 - spentShare);
  return h(
    "div",
    {
      class: "budget-bar",
      role: "img",
      "aria-label": `${(budget.percent_used ?? 0).toFixed(1)} % of the limit spent`,
    },
    placed(h("div", { class: "budget-spent" }), "width", spentShare),
    placed(h("div", { class: "budget-held" }), "width", heldShare),
    budget.thresholds
      .filter((threshold) => threshold < 100)
      .map((threshold) =>
        placed(h("div", { class: "budget-threshold", title: `${threshold} % alert` }), "left", threshold),
      ),
  );
}

/**
 * Sets a size or position in percent through the CSSOM: the page's Content-Security-Policy allows
 * no inline style attribute (style-src 'self'), and the CSSOM is not one.
 * @param {HTMLElement} element
 * @param {"width" | "left"} property
 * @param {number} percent
 */
function placed(element, property, percent) {
  element.style[property] = `${percent}%`;
  return element;
}
