import { z } from "zod";
import { callFunction } from "../database/call-function.js";
import { UsageAlertDeliveryError } from "../errors/alert-delivery-error.js";
import { UsageError } from "../errors/usage-error.js";
import { UsageValidationError } from "../errors/validation-error.js";
import { backoffDelay } from "../recorder/backoff.js";
import { unrefTimer } from "../recorder/timers.js";
import { type BudgetAlert, BudgetAlertListSchema } from "../schemas/budget-alert.js";
import {
  type BudgetAlertDispatcherOptions,
  type DispatcherSettings,
  parseDispatcherOptions,
} from "./alert-dispatcher-options.js";
import { alertPayload } from "./alert-message.js";
import { postAlert } from "./alert-webhook.js";

export type { BudgetAlertDispatcherOptions } from "./alert-dispatcher-options.js";

/** What one `runOnce()` did. */
export interface DispatchResult {
  claimed: number;
  delivered: number;
  /** Failed and scheduled for another attempt. */
  failed: number;
  /** Failed for the last time (`maxAttempts`): left undelivered. */
  gaveUp: number;
}

/** A dedicated connection that can LISTEN (a `pg.Client`, not a pool). */
export interface NotificationClient {
  query(sql: string): Promise<unknown>;
  on(
    event: "notification",
    listener: (message: { channel: string; payload?: string | undefined }) => void,
  ): unknown;
  removeListener(event: "notification", listener: (message: { channel: string }) => void): unknown;
}

export interface BudgetAlertDispatcher {
  /**
   * Claims the alerts that are due (`claim_ai_usage_budget_alerts`, so racing dispatchers never
   * claim the same one), POSTs them, and marks each delivered or failed with its backoff; repeats
   * while full batches come back. Database errors are thrown.
   */
  runOnce(): Promise<DispatchResult>;
  /**
   * Runs `runOnce()` every `intervalMs` (default 30,000) until `stop()`, reporting errors to
   * `onError`; with `listen`, also as soon as the database notifies a new alert (LISTEN
   * ai_usage_budget_alert). Resolves once listening.
   */
  start(options?: { intervalMs?: number; listen?: NotificationClient }): Promise<void>;
  /** Stops the loop and waits for a round in progress. */
  stop(): Promise<void>;
}

const CHANNEL = "ai_usage_budget_alert";
/**
 * The longest retry the contract takes (`complete_ai_usage_budget_alert`: 7 days). An alert given
 * up on is parked that long; it then gets one more attempt a week, each reported.
 */
const GIVE_UP_SECONDS = 604_800;
/** Rounds per `runOnce()`, so a flood of alerts cannot keep one call busy forever. */
const MAX_ROUNDS = 50;

/**
 * Delivers budget alerts (the outbox the database writes when usage crosses a threshold) to a
 * webhook: JSON `{ idempotency_key, text, alert }` with an `Idempotency-Key` header, Slack-compatible
 * (`text`). Delivery is at least once: a POST whose completion could not be written is sent again
 * after the lease, with the same idempotency key.
 */
export function createBudgetAlertDispatcher(options: BudgetAlertDispatcherOptions): BudgetAlertDispatcher {
  const settings = parseDispatcherOptions(options);
  const report = (error: unknown) => {
    try {
      settings.onError(
        error instanceof UsageError ? error : UsageValidationError.fromThrown(error, "result"),
      );
    } catch {
      // A failing reporter must not stop the dispatcher.
    }
  };

  async function runOnce(): Promise<DispatchResult> {
    const result: DispatchResult = { claimed: 0, delivered: 0, failed: 0, gaveUp: 0 };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const alerts = await claim(settings);
      result.claimed += alerts.length;
      const outcomes = await Promise.all(alerts.map((alert) => deliver(settings, alert, report)));
      for (const outcome of outcomes) result[outcome] += 1;
      if (alerts.length < settings.batchSize) break;
    }
    return result;
  }

  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let round: Promise<void> | undefined;
  let listening: { client: NotificationClient; listener: (message: { channel: string }) => void } | undefined;
  let intervalMs = 30_000;

  // A notification during a round asks for one more round right after it.
  let again = false;

  const tick = () => {
    clearTimeout(timer);
    if (!running) return;
    if (round) {
      again = true;
      return;
    }
    again = false;
    round = runOnce()
      .then(() => undefined, report)
      .finally(() => {
        round = undefined;
        if (!running) return;
        if (again) return tick();
        timer = setTimeout(tick, intervalMs);
        unrefTimer(timer);
      });
  };

  return {
    runOnce,
    async start(startOptions = {}) {
      if (running) return;
      running = true;
      intervalMs = z.int().min(1).default(30_000).parse(startOptions.intervalMs);
      if (startOptions.listen) {
        const client = startOptions.listen;
        const listener = (message: { channel: string }) => {
          if (message.channel === CHANNEL) tick();
        };
        client.on("notification", listener);
        listening = { client, listener };
        await client.query(`LISTEN ${CHANNEL}`);
      }
      tick();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      if (listening) {
        const { client, listener } = listening;
        listening = undefined;
        client.removeListener("notification", listener);
        await client.query(`UNLISTEN ${CHANNEL}`).catch(report);
      }
      await round;
    },
  };
}

async function claim(settings: DispatcherSettings): Promise<BudgetAlert[]> {
  return callFunction(
    settings.transport,
    {
      name: "claim_ai_usage_budget_alerts",
      args: [
        { name: "p_limit", value: settings.batchSize, type: "integer" },
        { name: "p_lease_seconds", value: settings.leaseSeconds, type: "integer" },
      ],
      returns: "value",
    },
    BudgetAlertListSchema,
  );
}

async function deliver(
  settings: DispatcherSettings,
  alert: BudgetAlert,
  report: (error: unknown) => void,
): Promise<"delivered" | "failed" | "gaveUp"> {
  const outcome = await postAlert(
    settings.fetch,
    settings.webhookUrl,
    alertPayload(alert),
    settings.timeoutMs,
  );
  if (outcome.delivered) {
    await complete(settings, alert, { delivered: true }).catch(report);
    return "delivered";
  }
  const gaveUp = alert.attempts >= settings.maxAttempts;
  const retryInSeconds = gaveUp
    ? null
    : retryDelaySeconds(settings, alert.attempts, outcome.retryAfterSeconds);
  await complete(settings, alert, {
    delivered: false,
    error: outcome.message,
    retryAfterSeconds: retryInSeconds ?? GIVE_UP_SECONDS,
  }).catch(report);
  report(
    new UsageAlertDeliveryError(
      `budget alert ${alert.id} (${alert.idempotency_key}): ${outcome.message}; ` +
        (gaveUp ? `giving up after ${alert.attempts} attempts` : `next attempt in ${retryInSeconds} s`),
      {
        retryable: !gaveUp,
        context: {
          alertId: alert.id,
          idempotencyKey: alert.idempotency_key,
          attempts: alert.attempts,
          status: outcome.status,
          retryInSeconds,
        },
      },
    ),
  );
  return gaveUp ? "gaveUp" : "failed";
}

/** Exponential backoff with jitter from the attempts made so far; a webhook's Retry-After only lengthens it. */
function retryDelaySeconds(
  settings: DispatcherSettings,
  attempts: number,
  retryAfter: number | undefined,
): number {
  const { initialSeconds, maxSeconds } = settings.backoff;
  const delayMs = backoffDelay(attempts, {
    initialDelayMs: initialSeconds * 1000,
    maxDelayMs: maxSeconds * 1000,
    maxAttempts: Number.POSITIVE_INFINITY,
  });
  return Math.min(GIVE_UP_SECONDS, Math.max(1, Math.ceil(delayMs / 1000), retryAfter ?? 0));
}

async function complete(
  settings: DispatcherSettings,
  alert: BudgetAlert,
  outcome: { delivered: true } | { delivered: false; error: string; retryAfterSeconds: number },
): Promise<void> {
  await callFunction(
    settings.transport,
    {
      name: "complete_ai_usage_budget_alert",
      args: [
        { name: "p_alert_id", value: Number(alert.id), type: "bigint" },
        { name: "p_delivered", value: outcome.delivered, type: "boolean" },
        { name: "p_error", value: outcome.delivered ? undefined : outcome.error, type: "text" },
        {
          name: "p_retry_after_seconds",
          value: outcome.delivered ? undefined : outcome.retryAfterSeconds,
          type: "integer",
        },
      ],
      returns: "value",
    },
    z.unknown(),
  );
}
