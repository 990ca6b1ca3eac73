/**
 * One error family for the whole SDK. Every error has a stable `name` (safe to switch on after
 * minification or across package copies), a `retryable` flag (whether doing the same thing again
 * can succeed) and a typed `context`.
 */
export abstract class UsageError<Context extends object = object> extends Error {
  abstract override readonly name: UsageErrorName;
  readonly retryable: boolean;
  readonly context: Context;

  constructor(message: string, init: { retryable: boolean; context: Context; cause?: unknown }) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.retryable = init.retryable;
    this.context = init.context;
  }
}

export type UsageErrorName =
  | "UsageValidationError"
  | "UsageUserIdError"
  | "UsagePermissionError"
  | "UsageDatabaseError"
  | "UsageConnectionError"
  | "UsageEventsDroppedError"
  | "UsageDeliveryError"
  | "UsageAccessTokenError"
  | "UsageBudgetExceededError"
  | "UsageAlertDeliveryError";

/** True for any error thrown or reported by this SDK. */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError;
}
