import { formatDay, formatUsd, periodAdjective, resetDay } from "../budgets/budget-wording.js";
import type { BudgetRefusalReason, RefusedReservation } from "../schemas/budget-reservation.js";
import type { BudgetPeriod, BudgetScope } from "../schemas/budget-status.js";
import { UsageError } from "./usage-error.js";

export interface BudgetExceededContext {
  /** `budget_exceeded`: spent + held + this request's bound > limit. `unpriced_model`: the model has no price to bound it with. */
  reason: BudgetRefusalReason;
  /** The first hard budget that refused (a bigint id as a decimal string). */
  budgetId: string;
  budgetName: string | null;
  scope: BudgetScope;
  period: BudgetPeriod;
  limitUsd: number;
  /** Settled spend in the current period. */
  spentUsd: number;
  /** Open holds: requests admitted and still running. */
  heldUsd: number;
  /** This request's upper bound; null when its model has no price. */
  requestUsd: number | null;
  /** When the period ends and spending starts again from zero. */
  resetsAt: Date;
  /** The budget's user and customer, when its scope names them. */
  userId: string | null;
  customerId: number | null;
}

/**
 * A hard budget refused the request (`reserve_ai_usage`): thrown by a budget guard's `reserve()`
 * and by the provider wrappers BEFORE the provider is called. Its message is meant for the app's
 * user ("Monthly AI budget reached: $5.00 of $5.00 used; resets 1 January 2027."); the figures are
 * typed fields for the app's own words, and `toJSON()` is a response body. Not retryable: doing
 * the same again succeeds only once running requests settle for less than they hold, or the period
 * resets.
 */
/** Budgets whose spend is more than one user's: their figures are not shown to an end user. */
function isSharedScope(scope: BudgetScope): scope is "project" | "customer" {
  return scope === "project" || scope === "customer";
}
const SHARED_OWNER = { project: "shared by everyone", customer: "of your organisation" } as const;

export class UsageBudgetExceededError extends UsageError<BudgetExceededContext> {
  override readonly name = "UsageBudgetExceededError" as const;

  get reason(): BudgetRefusalReason {
    return this.context.reason;
  }
  get budgetId(): string {
    return this.context.budgetId;
  }
  get budgetName(): string | null {
    return this.context.budgetName;
  }
  get scope(): BudgetScope {
    return this.context.scope;
  }
  get period(): BudgetPeriod {
    return this.context.period;
  }
  get limitUsd(): number {
    return this.context.limitUsd;
  }
  get spentUsd(): number {
    return this.context.spentUsd;
  }
  get heldUsd(): number {
    return this.context.heldUsd;
  }
  get requestUsd(): number | null {
    return this.context.requestUsd;
  }
  get resetsAt(): Date {
    return this.context.resetsAt;
  }

  /** The refusal as `reserve_ai_usage` answered it, in words a user can be shown. */
  static fromRefusal(refusal: RefusedReservation): UsageBudgetExceededError {
    const { budget, reason } = refusal;
    const resets = formatDay(resetDay(budget.resets_at, budget.time_zone), { withYear: true });
    const adjective = periodAdjective(budget.period);
    // A shared budget's figures are everyone's spend, not this user's: the message an app shows its
    // user leaves them out, as get_ai_usage_budget_status does for users (the typed fields keep them).
    const owner = isSharedScope(budget.scope) ? ` ${SHARED_OWNER[budget.scope]}` : "";
    const message =
      reason === "unpriced_model"
        ? `${adjective} AI budget${owner} cannot admit this request: its model has no price, so its cost cannot be bounded.`
        : isSharedScope(budget.scope)
          ? `${adjective} AI budget${owner} reached; resets ${resets}.`
          : `${adjective} AI budget reached: ${formatUsd(budget.spent_usd + budget.held_usd)} of ${formatUsd(budget.limit_usd)} used; resets ${resets}.`;
    return new UsageBudgetExceededError(message, {
      retryable: false,
      context: {
        reason,
        budgetId: budget.budget_id,
        budgetName: budget.name,
        scope: budget.scope,
        period: budget.period,
        limitUsd: budget.limit_usd,
        spentUsd: budget.spent_usd,
        heldUsd: budget.held_usd,
        requestUsd: budget.request_usd,
        resetsAt: new Date(budget.resets_at),
        userId: budget.user_id,
        customerId: budget.customer_id,
      },
    });
  }

  /**
   * A response body an app can send as is (HTTP 402 or 429): a stable code, the message, and the
   * budget's figures, with `resets_at` as ISO 8601.
   */
  toJSON(): {
    error: {
      code: BudgetRefusalReason;
      message: string;
      budget: {
        scope: BudgetScope;
        period: BudgetPeriod;
        /** null for a shared budget (project, customer): everyone's figures, not the caller's. */
        limit_usd: number | null;
        spent_usd: number | null;
        held_usd: number | null;
        request_usd: number | null;
        resets_at: string;
      };
    };
  } {
    const context = this.context;
    return {
      error: {
        code: context.reason,
        message: this.message,
        budget: {
          scope: context.scope,
          period: context.period,
          // A shared budget's figures are everyone's spend: not for the end user this body is for.
          ...(isSharedScope(context.scope)
            ? { limit_usd: null, spent_usd: null, held_usd: null, request_usd: context.requestUsd }
            : {
                limit_usd: context.limitUsd,
                spent_usd: context.spentUsd,
                held_usd: context.heldUsd,
                request_usd: context.requestUsd,
              }),
          resets_at: context.resetsAt.toISOString(),
        },
      },
    };
  }
}
