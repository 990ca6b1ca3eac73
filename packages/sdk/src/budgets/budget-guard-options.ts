import { z } from "zod";
import type { UsageTransport } from "../database/function-call.js";
import type { UsageError } from "../errors/usage-error.js";
import { UsageValidationError } from "../errors/validation-error.js";
import { defaultInputTokenBound } from "./input-token-bound.js";

export interface BudgetGuardOptions {
  /**
   * How the guard calls the database: `createPgTransport(pool)` as the table owner, or any
   * transport acting as the service role (`reserve_ai_usage` and `release_ai_usage_hold` are
   * server-only; a user's transport gets `UsagePermissionError`).
   */
  transport: UsageTransport;
  /**
   * Required: what a request does while the database cannot be reached. `"closed"`: it is refused
   * with the transport's error. `"open"`: it goes ahead unchecked, and `onError` hears why.
   */
  whenUnavailable: "open" | "closed";
  /**
   * How long a hold lasts if its request is never recorded nor released (a crash), in seconds:
   * 1..86,400. Default 600. Longer than your slowest call plus the recorder's flush interval, or
   * a hold may expire before its usage settles it (the usage still counts; it is just not held
   * for its last moments).
   */
  ttlSeconds?: number;
  /**
   * Longest wait for `reserve_ai_usage`, in milliseconds; past it the database counts as
   * unavailable (see `whenUnavailable`), and a hold it writes later is released. Default 5000;
   * `Infinity` waits as long as the transport does.
   */
  timeoutMs?: number;
  /**
   * The bound the provider wrappers reserve for a request's input tokens, from the request object
   * they are given. Default `defaultInputTokenBound` (UTF-8 bytes of the request plus allowances;
   * it refuses requests that point at content it cannot see). Must be a true upper bound, or a
   * hard limit can be overrun.
   */
  inputTokenBound?: (request: unknown) => number;
  /** Hears what the guard does not throw: fail-open admissions and failed releases. Default `console.error`. */
  onError?: (error: UsageError) => void;
}

const OptionsSchema = z.object({
  transport: z.custom<UsageTransport>(
    (value) => typeof (value as UsageTransport | undefined)?.call === "function",
    "must be a transport (createPgTransport, createSupabaseTransport, ...)",
  ),
  whenUnavailable: z.enum(["open", "closed"], {
    error: 'must be "open" or "closed": decide what a request does while the database cannot be reached',
  }),
  ttlSeconds: z.int().min(1).max(86_400).default(600),
  timeoutMs: z.union([z.number().min(1), z.literal(Number.POSITIVE_INFINITY)]).default(5000),
  inputTokenBound: z
    .custom<(request: unknown) => number>((value) => typeof value === "function", "must be a function")
    .default(() => defaultInputTokenBound),
  onError: z
    .custom<(error: UsageError) => void>((value) => typeof value === "function", "must be a function")
    .default(() => (error: UsageError) => console.error("[ai-usage budget]", error)),
});

export type BudgetGuardSettings = z.output<typeof OptionsSchema>;

export function parseGuardOptions(options: BudgetGuardOptions): BudgetGuardSettings {
  const parsed = OptionsSchema.safeParse(options);
  if (!parsed.success) throw UsageValidationError.fromZod(parsed.error, "options", "createBudgetGuard");
  return parsed.data;
}
