import { randomUUID } from "node:crypto";
import { type BudgetDefinition, benchBudgetPrefix } from "./budget-sql.js";

/** Who a concurrent caller charges. */
export interface ProofCaller {
  readonly userId: string;
  readonly customerId: number | null;
}

/** Budgets and the callers that race against them. */
export interface ProofScenario {
  readonly name: string;
  readonly budgets: readonly BudgetDefinition[];
  readonly callers: readonly ProofCaller[];
}

/** The headline: one $1.00 hard budget for the whole project, each caller its own user. */
export function singleBudgetScenario(callers: number): ProofScenario {
  return {
    name: "1 project budget",
    budgets: [{ name: `${benchBudgetPrefix}proof project`, scope: "project", limitUsd: 1, mode: "hard" }],
    callers: Array.from({ length: callers }, () => ({ userId: randomUUID(), customerId: null })),
  };
}

/**
 * Budgets that overlap: the project's $1.00, two customers, two users, a user within a customer
 * (all hard) and a soft one that must never refuse. Eight users in two customers share the callers,
 * so each admission locks up to four budget periods at once, and the limits are chosen so that each
 * kind of budget is the one that binds for somebody.
 */
export function mixedBudgetScenario(callers: number): ProofScenario {
  const customerA = 910_001;
  const customerB = 910_002;
  const usersA = Array.from({ length: 4 }, () => randomUUID());
  const usersB = Array.from({ length: 4 }, () => randomUUID());
  const budget = (
    name: string,
    scope: BudgetDefinition["scope"],
    limitUsd: number,
    ids: Pick<BudgetDefinition, "userId" | "customerId"> = {},
    mode: BudgetDefinition["mode"] = "hard",
  ): BudgetDefinition => ({ name: `${benchBudgetPrefix}proof ${name}`, scope, limitUsd, mode, ...ids });
  const people: ProofCaller[] = [
    ...usersA.map((userId) => ({ userId, customerId: customerA })),
    ...usersB.map((userId) => ({ userId, customerId: customerB })),
  ];
  return {
    name: "mixed budgets",
    budgets: [
      budget("project", "project", 1),
      budget("customer A", "customer", 0.45, { customerId: customerA }),
      budget("customer B", "customer", 0.6, { customerId: customerB }),
      budget("user A1", "user", 0.1, { userId: usersA[0]! }),
      budget("user B1", "user", 0.12, { userId: usersB[0]! }),
      budget("user A2 in customer A", "user_in_customer", 0.08, {
        userId: usersA[1]!,
        customerId: customerA,
      }),
      // A soft budget only alerts: its user goes on past it (one budget per target and period, so
      // it cannot share a target with a hard one).
      budget("user B2 soft", "user", 0.05, { userId: usersB[1]! }, "soft"),
    ],
    callers: Array.from({ length: callers }, (_, index) => people[index % people.length]!),
  };
}
