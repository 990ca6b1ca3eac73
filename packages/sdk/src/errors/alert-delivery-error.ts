import { UsageError } from "./usage-error.js";

export interface AlertDeliveryErrorContext {
  /** The alert's id (a bigint as a decimal string). */
  alertId: string;
  idempotencyKey: string;
  /** Delivery attempts so far, the failed one included. */
  attempts: number;
  /** The webhook's HTTP status; undefined when it did not answer (network error, timeout). */
  status: number | undefined;
  /** When the alert will be tried again; null when the dispatcher gave up (`maxAttempts`). */
  retryInSeconds: number | null;
}

/**
 * Reported through the alert dispatcher's `onError` (never thrown): a webhook POST failed. The
 * alert stays undelivered and is tried again after its backoff (`retryable: true`), or, after
 * `maxAttempts`, is left undelivered for good (`retryable: false`; it stays listed by
 * `listBudgetAlerts` with its `last_error`).
 */
export class UsageAlertDeliveryError extends UsageError<AlertDeliveryErrorContext> {
  override readonly name = "UsageAlertDeliveryError" as const;
}
