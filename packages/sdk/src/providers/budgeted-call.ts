import type { BudgetGuard, BudgetHold } from "../budgets/budget-guard.js";
import { UsageError } from "../errors/usage-error.js";
import { UsageValidationError } from "../errors/validation-error.js";
import type { ServiceTier } from "../schemas/usage-event.js";
import type { Finish, StartedCall } from "./call-recorder.js";
import { DeferredApiPromise } from "./deferred-api-promise.js";

/** What a wrapper reads from a request to bound its cost before sending it. */
export interface BudgetedRequest {
  provider: "anthropic" | "openai";
  /** The request object as the caller wrote it (its input is bounded from it). */
  params: unknown;
  model: unknown;
  /** The most output tokens the request can produce, or undefined when it sets no limit. */
  maxOutputTokens: number | undefined;
  /** The parameter(s) that set it, for the error when it is missing. */
  maxOutputParameter: string;
  /** The tier the request asks for, so the hold is priced at it; omitted = standard. */
  serviceTier?: ServiceTier | undefined;
}

/**
 * A provider call that goes out only if the budget admits it: reserve (throwing
 * `UsageBudgetExceededError` before anything is sent), then `send` with a `finish` that puts the
 * hold's id on the recorded event (which settles it), or releases the hold when the request itself
 * failed (nothing was billed, nothing will settle it).
 */
export function sendWithinBudget(
  guard: BudgetGuard,
  call: StartedCall,
  request: BudgetedRequest,
  send: (finish: Finish) => PromiseLike<unknown>,
): DeferredApiPromise {
  const admitted = (async () => {
    if (call.contextProblem !== undefined) {
      throw call.contextProblem instanceof UsageError
        ? call.contextProblem
        : UsageValidationError.fromThrown(call.contextProblem, "context");
    }
    const hold = await guard.reserve({
      userId: call.context?.userId as string,
      customerId: call.context?.customerId,
      model: request.model as string,
      provider: request.provider,
      maxInputTokens: guard.inputTokenBound(request.params),
      maxOutputTokens: requireMaxOutputTokens(request),
      serviceTier: request.serviceTier,
    });
    // Latency is the provider's: the wait for admission is not part of it.
    call.restartClock();
    const finish = settlingFinish(guard, hold, call.finish);
    try {
      return { promise: send(finish) };
    } catch (error) {
      // The SDK refused the request before sending it (it threw synchronously).
      releaseHold(guard, hold);
      throw error;
    }
  })();
  return new DeferredApiPromise(admitted);
}

function requireMaxOutputTokens(request: BudgetedRequest): number {
  const value = request.maxOutputTokens;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  const field = request.maxOutputParameter;
  const message =
    value === undefined
      ? `a budget guard bounds a request's cost by its output limit: set ${field}`
      : `must be a non-negative integer, got ${String(value)}`;
  throw new UsageValidationError(`request.${field}: ${message}`, {
    retryable: false,
    context: { source: "arguments", field, issues: [{ path: field, message }] },
  });
}

function settlingFinish(guard: BudgetGuard, hold: BudgetHold, finish: Finish): Finish {
  let done = false;
  return (outcome) => {
    if (done) return;
    done = true;
    if (outcome.requestFailed) {
      releaseHold(guard, hold);
      finish(outcome);
    } else {
      finish({ ...outcome, budgetHoldId: hold.holdId ?? undefined });
    }
  };
}

/** Fire and forget: a hold that cannot be released now stops counting at its expiry. */
function releaseHold(guard: BudgetGuard, hold: BudgetHold): void {
  if (hold.holdId === null) return;
  guard.release(hold.holdId).catch((error: unknown) => {
    guard.report(error instanceof UsageError ? error : UsageValidationError.fromThrown(error, "result"));
  });
}
