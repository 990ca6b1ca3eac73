import { z } from "zod";
import { callFunction, parseArguments } from "../database/call-function.js";
import type { DatabaseFunctionCall } from "../database/function-call.js";
import { UsageBudgetExceededError } from "../errors/budget-exceeded-error.js";
import { UsageConnectionError } from "../errors/database-errors.js";
import { UsageError } from "../errors/usage-error.js";
import { UsageValidationError } from "../errors/validation-error.js";
import { ReservationAnswerSchema } from "../schemas/budget-reservation.js";
import { type BudgetGuardOptions, parseGuardOptions } from "./budget-guard-options.js";
import { type ReserveArguments, ReserveArgumentsSchema } from "./reserve-arguments.js";

export type { BudgetGuardOptions } from "./budget-guard-options.js";

/** An admitted request: the hold to settle (record it) or release (the provider call failed). */
export interface BudgetHold {
  /** The hold's id; null when no budget applies, or when the database was unavailable and the guard fails open. */
  holdId: string | null;
  /** The amount held (the request's upper bound), in USD; null when nothing is held. */
  amountUsd: number | null;
  /** When the hold stops counting if it is neither settled nor released. */
  expiresAt: Date | null;
  /** True when the database could not be asked and the guard let the request through (`whenUnavailable: "open"`). */
  unchecked: boolean;
}

/**
 * Admission control for AI requests against the budgets in the database (`reserve_ai_usage`).
 * Give it to a provider wrapper (`trackAnthropic(client, { recorder, budget })`) or call it
 * yourself around any paid call.
 */
export interface BudgetGuard {
  /**
   * Holds the request's upper bound against every budget that covers the user (and customer).
   * Throws `UsageBudgetExceededError` when a hard budget refuses; `UsageValidationError` for bad
   * arguments; when the database cannot be reached, see `whenUnavailable`.
   */
  reserve(args: ReserveArguments): Promise<BudgetHold>;
  /**
   * Gives a hold back when its request will never be recorded (the provider call failed); true
   * when an open hold was released. Throws the transport's error when the database cannot be
   * reached (the hold then stops counting at its expiry).
   */
  release(holdId: string): Promise<boolean>;
  /** What happens while the database cannot be reached. */
  readonly whenUnavailable: "open" | "closed";
  /** The bound the provider wrappers reserve for a request's input tokens. */
  inputTokenBound(request: unknown): number;
  /** Where the guard reports what it does not throw (fail-open admissions, failed releases). */
  report(error: UsageError): void;
}

/**
 * A budget guard over a server transport (the service role or the table owner: reserve and
 * release are server-only). `whenUnavailable` is required, because only the caller can weigh an
 * outage against overspending:
 * - `"closed"`: the request is refused with the transport's own error (`UsageConnectionError`, or a
 *   retryable `UsageDatabaseError` such as a 503 from PostgREST); nothing is spent unchecked.
 * - `"open"`: the request goes ahead without a hold (`holdId: null`, `unchecked: true`) and
 *   `onError` hears the error; its usage still counts once recorded, but no limit stopped it.
 * A non-retryable database error (a permission error: the transport is not the server; a missing
 * function: the database is not migrated) is thrown in both modes: it is a setup problem, and
 * failing open on it would silently switch budgets off.
 */
export function createBudgetGuard(options: BudgetGuardOptions): BudgetGuard {
  const settings = parseGuardOptions(options);
  const report = (error: UsageError) => {
    try {
      settings.onError(error);
    } catch {
      // A failing reporter must not fail the request.
    }
  };
  return {
    whenUnavailable: settings.whenUnavailable,
    inputTokenBound: settings.inputTokenBound,
    report,
    async reserve(args) {
      const parsed = parseArguments(ReserveArgumentsSchema, args, "reserve");
      const call = reserveCall(parsed, settings.ttlSeconds);
      let answer: z.output<typeof ReservationAnswerSchema>;
      try {
        answer = await withDeadline(
          callFunction(settings.transport, call, ReservationAnswerSchema),
          settings.timeoutMs,
          // Answered after the deadline: the request went its way without this hold; give it back.
          (late) => {
            if (late.admitted && late.hold_id) void releaseQuietly(late.hold_id);
          },
        );
      } catch (error) {
        if (!isUnavailable(error) || settings.whenUnavailable === "closed") throw error;
        report(error);
        return { holdId: null, amountUsd: null, expiresAt: null, unchecked: true };
      }
      if (!answer.admitted) throw UsageBudgetExceededError.fromRefusal(answer);
      return {
        holdId: answer.hold_id,
        amountUsd: answer.amount_usd,
        expiresAt: answer.expires_at === null ? null : new Date(answer.expires_at),
        unchecked: false,
      };
    },
    release: (holdId) => release(holdId),
  };

  async function release(holdId: string): Promise<boolean> {
    const id = parseArguments(z.guid({ error: "must be a UUID" }), holdId, "release.holdId");
    return callFunction(
      settings.transport,
      {
        name: "release_ai_usage_hold",
        args: [{ name: "p_hold_id", value: id, type: "uuid" }],
        returns: "value",
      },
      z.boolean(),
    );
  }

  async function releaseQuietly(holdId: string): Promise<void> {
    try {
      await release(holdId);
    } catch (error) {
      report(error instanceof UsageError ? error : UsageValidationError.fromThrown(error, "result"));
    }
  }
}

function reserveCall(
  args: z.output<typeof ReserveArgumentsSchema>,
  ttlSeconds: number,
): DatabaseFunctionCall {
  const byTokens = "model" in args ? args : undefined;
  return {
    name: "reserve_ai_usage",
    args: [
      { name: "p_user_id", value: args.userId, type: "uuid" },
      { name: "p_customer_id", value: args.customerId ?? undefined, type: "integer" },
      { name: "p_max_cost_usd", value: "maxCostUsd" in args ? args.maxCostUsd : undefined, type: "numeric" },
      { name: "p_model_used", value: byTokens?.model, type: "text" },
      { name: "p_max_input_tokens", value: byTokens?.maxInputTokens, type: "bigint" },
      { name: "p_max_output_tokens", value: byTokens?.maxOutputTokens, type: "bigint" },
      { name: "p_provider", value: byTokens?.provider, type: "text" },
      { name: "p_ttl_seconds", value: ttlSeconds, type: "integer" },
      { name: "p_service_tier", value: byTokens?.serviceTier, type: "text" },
    ],
    returns: "value",
  };
}

/** The database could not answer now; the same call may succeed later. */
function isUnavailable(error: unknown): error is UsageError {
  return error instanceof UsageConnectionError || (error instanceof UsageError && error.retryable);
}

/**
 * `promise`, or a `UsageConnectionError` after `timeoutMs`: a database that hangs is as
 * unavailable as one that refuses connections. What it answers later goes to `onLate`.
 */
function withDeadline<T>(promise: Promise<T>, timeoutMs: number, onLate: (value: T) => void): Promise<T> {
  if (!Number.isFinite(timeoutMs)) return promise;
  return new Promise<T>((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reject(
        new UsageConnectionError(`reserve_ai_usage: no answer within ${timeoutMs} ms`, {
          retryable: true,
          context: { functionName: "reserve_ai_usage", code: "TIMEOUT" },
        }),
      );
    }, timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        if (timedOut) onLate(value);
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!timedOut) reject(error);
      },
    );
  });
}
