import { UsageValidationError } from "../errors/validation-error.js";
import type { TrackingOptions } from "./call-recorder.js";

/** Tracking options of a wrapper that records usage but cannot yet bound a request's cost. */
export type RecordingOnlyOptions = Omit<TrackingOptions, "budget"> & { budget?: never };

/**
 * A budget guard handed to a wrapper that cannot enforce it would switch budgets off without a
 * word (requests admitted unchecked), so it is refused when the wrapper is made.
 */
export function refuseBudgetGuard(options: { budget?: unknown } | undefined, wrapper: string): void {
  if (options?.budget === undefined) return;
  const message =
    `${wrapper} does not enforce budgets yet: its requests cannot be bounded before they are sent; ` +
    "reserve with budget.reserve({ maxCostUsd }) around the call instead";
  throw new UsageValidationError(`options.budget: ${message}`, {
    retryable: false,
    context: { source: "options", field: "budget", issues: [{ path: "budget", message }] },
  });
}
