import type { z } from "zod";
import { UsageValidationError } from "./validation-error.js";

const EXAMPLE_UUID = "7f0c1c2e-4b1a-4c8e-9a51-0d6b1f0e7a11";

/**
 * An event whose `userId` is missing or not a UUID. `ai_usage_log.user_id` is a `uuid` (Supabase
 * Auth's `auth.users.id`), so such an event could never be stored: it is refused at `record()`
 * rather than sent, retried and lost. A subclass of UsageValidationError (`field === "userId"`).
 */
export class UsageUserIdError extends UsageValidationError {
  override readonly name = "UsageUserIdError" as const;

  static fromEvent(error: z.core.$ZodError, userId: unknown): UsageUserIdError {
    const issues = error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message,
    }));
    return new UsageUserIdError(
      `event.userId: must be a UUID, the user's id in Supabase Auth (auth.users.id), e.g. "${EXAMPLE_UUID}"; ` +
        `got ${describeValue(userId)}. ai_usage_log.user_id is a uuid column, so this event is refused ` +
        "now instead of failing at the database. If your app's user ids are not UUIDs, keep a UUID per user " +
        "and record that.",
      { retryable: false, context: { source: "event", field: "userId", issues }, cause: error },
    );
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing (no userId in the event or in the tracked client's context)";
  if (typeof value !== "string") return `a ${value === null ? "null" : typeof value}`;
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `${JSON.stringify(shown)} (${value.length} characters)`;
}
