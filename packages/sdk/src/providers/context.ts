import type { z } from "zod";
import { UsageEventSchema } from "../schemas/usage-event.js";

/** Who a provider call is attributed to: the event fields that do not come from the provider. */
export const UsageContextSchema = UsageEventSchema.pick({
  userId: true,
  userEmail: true,
  customerId: true,
  customerName: true,
  requestType: true,
  sessionId: true,
});
export type UsageContextInput = z.input<typeof UsageContextSchema>;
export type UsageContext = z.output<typeof UsageContextSchema>;

/**
 * Where a tracked client gets its context: a fixed object (e.g. made per request in an edge
 * function), or a function called synchronously at the start of every provider call (e.g.
 * `() => requestContext.getStore()` with AsyncLocalStorage). Per-call overrides from
 * `withUsageContext(...)` are merged on top.
 */
export type UsageContextSource = Partial<UsageContextInput> | (() => Partial<UsageContextInput> | undefined);

export function resolveContext(
  source: UsageContextSource | undefined,
  overrides: Partial<UsageContextInput>,
): Partial<UsageContextInput> {
  const base = typeof source === "function" ? source() : source;
  return { ...base, ...overrides };
}
