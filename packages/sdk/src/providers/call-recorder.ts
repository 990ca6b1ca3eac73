import type { BudgetGuard } from "../budgets/budget-guard.js";
import type { UsageRecorder } from "../recorder/recorder-types.js";
import type { ServiceTier } from "../schemas/usage-event.js";
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
  /** The request itself failed (network, HTTP error): no response, nothing billed. */
  requestFailed?: boolean;
  /** The budget hold the call was admitted with; the recorded event settles it. */
  budgetHoldId?: string | undefined;
  /** The tier the provider says it served the request at; omitted = standard. */
  serviceTier?: ServiceTier | undefined;
}

/** Records a call's outcome; only the first outcome counts. */
export type Finish = (outcome: CallOutcome) => void;

/** One provider call being measured. */
export interface StartedCall {
  /** Who the call is attributed to (undefined when the context could not be resolved: see `contextProblem`). */
  context: Partial<UsageContextInput> | undefined;
  /** What resolving the context threw, if it did. */
  contextProblem: unknown;
  /** Restarts the latency clock, for a call that waited (for its budget) before going out. */
  restartClock(): void;
  finish: Finish;
}

/**
 * Measures one provider call: takes the context and the start time when the call begins, and
 * records exactly once when the outcome is known (later outcomes are ignored).
 */
export function startCall(
  options: TrackingOptions,
  overrides: Partial<UsageContextInput>,
  provider: string,
): StartedCall {
  let startedAt = performanceNow();
  let context: Partial<UsageContextInput> | undefined;
  let contextProblem: unknown;
  try {
    context = resolveContext(options.context, overrides);
  } catch (error) {
    contextProblem = error;
  }
  let recorded = false;
  const finish: Finish = (outcome) => {
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
        budgetHoldId: outcome.budgetHoldId,
        serviceTier: outcome.serviceTier,
      } as Parameters<UsageRecorder["record"]>[0];
    });
  };
  return {
    context,
    contextProblem,
    restartClock: () => {
      startedAt = performanceNow();
    },
    finish,
  };
}

function performanceNow(): number {
  return globalThis.performance?.now() ?? Date.now();
}
