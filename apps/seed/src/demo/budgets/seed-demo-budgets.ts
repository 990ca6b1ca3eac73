import {
  type BudgetInput,
  type BudgetStatus,
  getCostSummary,
  listBudgets,
  setBudget,
  type UsageTransport,
} from "@org/ai-usage-sdk";
import { createPgTransport } from "@org/ai-usage-sdk/pg";
import type pg from "pg";
import {
  nearCapLimit,
  nearCapShare,
  pastSoftLimit,
  pastSoftShare,
  projectLimit,
} from "./demo-budget-limits.js";
import { type DemoCaller, makeDemoRequest } from "./demo-live-request.js";
import { pickDemoBudgetTargets } from "./pick-demo-budget-targets.js";

export interface DemoBudgetsOutcome {
  /** Budgets set by this call (none when the database had budgets already, or no usage). */
  readonly budgets: readonly BudgetStatus[];
  /** Requests the demo made through reserve_ai_usage to bring the budgets to their state. */
  readonly requests: number;
}

/** The near-cap user's requests are 1 % of their limit each; the customer's 5 %. */
const userStep = 0.01;
const customerStep = 0.05;
/** A safety net: from nothing spent, the shares take 89 and 25 requests. */
const maximumRequests = 100;

/**
 * Sets the demo's budgets, once (a database with any budget, ended ones included, is left alone):
 * the biggest spender gets a hard monthly cap that they have used about 90 % of, a big customer a
 * soft monthly budget it is 125 % past, and the project a hard monthly budget about 60 % used.
 * Limits come from this month's spend (pickDemoBudgetTargets); when the month has barely begun,
 * the demo makes the requests that bring each budget there itself, each reserved and then logged
 * with its hold, as an app with budgets does, and the logging writes the threshold alerts.
 */
export async function seedDemoBudgets(pool: pg.Pool): Promise<DemoBudgetsOutcome> {
  const transport = createPgTransport(pool);
  if ((await listBudgets(transport, { includeEnded: true })).length > 0) return { budgets: [], requests: 0 };
  const targets = await pickDemoBudgetTargets(transport, pool);
  if (targets === null) return { budgets: [], requests: 0 };
  let requests = 0;
  const spendUntil = async (budget: BudgetStatus, caller: DemoCaller, share: number, step: number) => {
    const limit = budget.limit_usd!;
    let status = budget;
    // At least one request: thresholds are checked when usage is written, so the one after the
    // budget was set is what writes the alerts of the thresholds it is already past.
    for (let made = 0; made === 0 || (status.spent_usd! < share * limit && made < maximumRequests); made++) {
      const outcome = await makeDemoRequest(
        pool,
        caller,
        step * limit,
        `demo-budget-${budget.budget_id}-${made}`,
      );
      if (!outcome.admitted) break;
      requests++;
      status = await statusOf(transport, budget.budget_id);
    }
    return status;
  };

  const { user, customer } = targets;
  const userBudget = await setWithin(
    transport,
    user.monthSpentUsd,
    nearCapLimit,
    nearCapShare,
    (limitUsd) => ({
      scope: "user",
      userId: user.userId,
      limitUsd,
      mode: "hard",
      // The address's local part: the budget's name is a label, the status carries the email.
      name: `${(user.userEmail ?? user.userId).split("@")[0]}: monthly cap`,
    }),
  );
  const userStatus = await spendUntil(userBudget, user, nearCapShare - userStep, userStep);

  const customerBudget = await setBudget(transport, {
    scope: "customer",
    customerId: customer.customerId,
    limitUsd: pastSoftLimit(customer.monthSpentUsd),
    mode: "soft",
    name: `${customer.customerName ?? `Customer ${customer.customerId}`}: monthly budget`,
  });
  const customerStatus = await spendUntil(customerBudget, customer.caller, pastSoftShare, customerStep);

  // Last, so that its share counts everything the demo's requests spent.
  const projectSpent = (await getCostSummary(transport)).this_month;
  const projectStatus = await setBudget(transport, {
    scope: "project",
    limitUsd: projectLimit(projectSpent),
    mode: "hard",
    name: "Whole project: monthly budget",
  });
  return { budgets: [userStatus, customerStatus, projectStatus], requests };
}

/**
 * Sets a budget whose limit is sized from an estimate of the spend, and sets it again from the
 * spend the budget itself reports if the estimate put it past `share` (it then ends the first).
 */
async function setWithin(
  transport: UsageTransport,
  estimateUsd: number,
  limitFor: (spentUsd: number) => number,
  share: number,
  budget: (limitUsd: number) => BudgetInput,
): Promise<BudgetStatus> {
  const first = await setBudget(transport, budget(limitFor(estimateUsd)));
  if (first.spent_usd! <= share * first.limit_usd!) return first;
  return setBudget(transport, budget(limitFor(first.spent_usd!)));
}

async function statusOf(transport: UsageTransport, budgetId: string): Promise<BudgetStatus> {
  const status = (await listBudgets(transport)).find((budget) => budget.budget_id === budgetId);
  if (status === undefined) throw new Error(`budget ${budgetId} is no longer in force`);
  return status;
}
