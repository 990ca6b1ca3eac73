import type { BudgetGuard } from "../budgets/budget-guard.js";
import type { UsageRecorder } from "../recorder/recorder-types.js";
import { resolveContext, type UsageContextInput, type UsageContextSource } from "./context.js";
import type { TokenUsage } from "./token-usage.js";

export interface TrackingOptions {
  /** The recorder events go to; recording never throws into the provider call (problems go to its `onError`). */
  recorder: Pick<UsageRecorder, "tryRecord">;
  /** Who calls are attributed to (see UsageContextSource). `userId` is required in the end. */
  context?: UsageContextSource;
  /**
   * Admission control (`createBudgetGuard`): before each call the wrapper reserves the request's
   * upper cost (from its max output tokens and a bound on its input) for the context's user and
   * customer, and throws `UsageBudgetExceededError` without calling the provider when a hard
   * budget refuses. The recorded usage settles the hold; a call that fails releases it. With a
   * guard, every request must set its max output tokens (`max_tokens`, `max_completion_tokens`,
   * `max_output_tokens`), or it throws `UsageValidationError` before the call.
   */
  budget?: BudgetGuard;
}

export interface CallOutcome {
  modelUsed: string;
  tokens: TokenUsage;
  status: "success" | "error";
  errorMessage?: string | undefined;
  /** The provider's message/response id; omitted = a UUIDv7 made by the recorder. */
  requestId?: string | undefined;
}

/**
 * Measures one provider call: takes the context and the start time when the call begins, and
 * records exactly once when the outcome is known (later outcomes are ignored).
 */
export function startCall(
  options: TrackingOptions,
  overrides: Partial<UsageContextInput>,
  provider: string,
): (outcome: CallOutcome) => void {
  const startedAt = performanceNow();
  let context: Partial<UsageContextInput> | undefined;
  let contextProblem: unknown;
  try {
    context = resolveContext(options.context, overrides);
  } catch (error) {
    contextProblem = error;
  }
  let recorded = false;
  return (outcome) => {
    if (recorded) return;
    recorded = true;
    const latencyMs = Math.max(0, Math.round(performanceNow() - startedAt));
    options.recorder.tryRecord(() => {
      if (contextProblem !== undefined) throw contextProblem;
      return {
        ...context,
        ...outcome.tokens,
        provider,
        modelUsed: outcome.modelUsed,
        latencyMs,
        status: outcome.status,
        errorMessage: outcome.errorMessage,
        requestId: outcome.requestId,
      } as Parameters<UsageRecorder["record"]>[0];
    });
  };
}

function performanceNow(): number {
  return globalThis.performance?.now() ?? Date.now();
}
