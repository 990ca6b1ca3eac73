import type { z } from "zod";
import { UsageError } from "./usage-error.js";

export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `inputTokens` or `summary.total_requests`. */
  path: string;
  message: string;
}

export interface ValidationErrorContext {
  /** What was being validated: caller input, recorder options, or a database result. */
  source: "event" | "context" | "arguments" | "options" | "result";
  /** The first offending field (dotted path; empty for the value as a whole). */
  field: string;
  issues: ValidationIssue[];
}

/** Input (or a database result) that does not match its schema. Never retryable. */
export class UsageValidationError extends UsageError<ValidationErrorContext> {
  // Widened for the one subclass (UsageUserIdError), which keeps `instanceof UsageValidationError`.
  override readonly name: "UsageValidationError" | "UsageUserIdError" = "UsageValidationError";

  /** The first offending field, as a dotted path. */
  get field(): string {
    return this.context.field;
  }

  /** For a value that could not even be built (e.g. a context function that threw). */
  static fromThrown(thrown: unknown, source: ValidationErrorContext["source"]): UsageValidationError {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return new UsageValidationError(`${source}: ${message}`, {
      retryable: false,
      context: { source, field: "", issues: [{ path: "", message }] },
      cause: thrown,
    });
  }

  static fromZod(
    error: z.core.$ZodError,
    source: ValidationErrorContext["source"],
    subject: string,
  ): UsageValidationError {
    const issues = error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      message: issue.message,
    }));
    const first = issues[0] ?? { path: "", message: "invalid value" };
    const where = first.path === "" ? subject : `${subject}.${first.path}`;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    return new UsageValidationError(`${where}: ${first.message}${more}`, {
      retryable: false,
      context: { source, field: first.path, issues },
      cause: error,
    });
  }
}
