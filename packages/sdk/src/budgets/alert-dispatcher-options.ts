import { z } from "zod";
import type { UsageTransport } from "../database/function-call.js";
import type { UsageError } from "../errors/usage-error.js";
import { UsageValidationError } from "../errors/validation-error.js";
import type { FetchLike } from "./alert-webhook.js";

export interface BudgetAlertDispatcherOptions {
  /** A server transport (service role or table owner): claiming and completing alerts is server-only. */
  transport: UsageTransport;
  /** Where each alert is POSTed (a Slack incoming webhook, your own endpoint). */
  webhookUrl: string;
  /** Default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Attempts per alert before the dispatcher gives up on it (left undelivered, reported). Default 10. */
  maxAttempts?: number;
  /**
   * Wait before trying a failed alert again: exponential from `initialSeconds` (default 30),
   * doubling per attempt, capped at `maxSeconds` (default 3600), with jitter. A `Retry-After` from
   * the webhook makes it longer, never shorter.
   */
  backoff?: { initialSeconds?: number; maxSeconds?: number };
  /** Alerts claimed per round. Default 20. */
  batchSize?: number;
  /**
   * How long a claimed alert is this dispatcher's, in seconds; if it crashes, another one takes
   * the alert after that. Default 60.
   */
  leaseSeconds?: number;
  /** Longest wait for the webhook, in milliseconds; shorter than the lease. Default 10,000. */
  timeoutMs?: number;
  /** Hears failed deliveries (`UsageAlertDeliveryError`) and database errors. Default `console.error`. */
  onError?: (error: UsageError) => void;
}

const seconds = z.int().min(1).max(86_400);

const OptionsSchema = z
  .object({
    transport: z.custom<UsageTransport>(
      (value) => typeof (value as UsageTransport | undefined)?.call === "function",
      "must be a transport (createPgTransport, createSupabaseTransport, ...)",
    ),
    webhookUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
    fetch: z
      .custom<FetchLike>((value) => typeof value === "function", "must be a fetch function")
      .default(() => (url: string, init: RequestInit) => globalThis.fetch(url, init)),
    maxAttempts: z.int().min(1).max(1000).default(10),
    backoff: z
      .object({ initialSeconds: seconds.default(30), maxSeconds: seconds.default(3600) })
      .default({ initialSeconds: 30, maxSeconds: 3600 }),
    batchSize: z.int().min(1).max(500).default(20),
    leaseSeconds: z.int().min(1).max(3600).default(60),
    timeoutMs: z.int().min(1).default(10_000),
    onError: z
      .custom<(error: UsageError) => void>((value) => typeof value === "function", "must be a function")
      .default(() => (error: UsageError) => console.error("[ai-usage alerts]", error)),
  })
  .refine((options) => options.timeoutMs < options.leaseSeconds * 1000, {
    path: ["timeoutMs"],
    message: "must be shorter than the lease (leaseSeconds), or another dispatcher may send the alert again",
  });

export type DispatcherSettings = z.output<typeof OptionsSchema>;

export function parseDispatcherOptions(options: BudgetAlertDispatcherOptions): DispatcherSettings {
  const parsed = OptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw UsageValidationError.fromZod(parsed.error, "options", "createBudgetAlertDispatcher");
  }
  return parsed.data;
}
