import {
  UsageConnectionError,
  UsageDatabaseError,
  UsagePermissionError,
  UsageValidationError,
} from "@org/ai-usage-sdk";
import { AuthenticationError, SessionRefusedError } from "./auth.js";
import { BadRequestError } from "./request-arguments.js";

/**
 * The JSON error body every API route answers with: `{ error: { code, message, hint?, field? } }`;
 * `field` names the argument an SDK check refused (a form shows the message beside it).
 */
export interface ApiErrorResponse {
  status: number;
  body: { error: { code: string; message: string; hint?: string; field?: string } };
  /** Something went wrong on our side: worth a line in the server log. */
  unexpected: boolean;
}

function response(
  status: number,
  code: string,
  message: string,
  hint?: string,
  unexpected = false,
): ApiErrorResponse {
  return { status, body: { error: hint ? { code, message, hint } : { code, message } }, unexpected };
}

/**
 * The database's own message, without the SDK's "function_name: " in front: a form shows it to a
 * person, for whom the function is an implementation detail.
 */
function databaseWords(error: UsageDatabaseError): string {
  const prefix = `${error.context.functionName}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/**
 * Maps what a route threw onto HTTP the way PostgREST maps SQLSTATEs (42501 → 403, 22023 → 400),
 * so the browser sees the same statuses it would see calling the database through Supabase.
 * Unexpected failures get a generic message: the server log has the details, the browser does not.
 */
export function apiErrorResponse(error: unknown): ApiErrorResponse {
  if (error instanceof AuthenticationError) return response(401, "unauthorized", error.message);
  if (error instanceof SessionRefusedError) return response(403, error.code, error.message);
  if (error instanceof BadRequestError) return response(400, "invalid_argument", error.message);
  if (error instanceof URIError) return response(400, "invalid_argument", "malformed URL");
  if (error instanceof UsagePermissionError) return response(403, "42501", error.message, error.context.hint);
  if (error instanceof UsageValidationError) {
    if (error.context.source === "arguments") {
      const refused = response(400, "invalid_argument", error.message);
      const issue = error.context.issues[0];
      // The field and the check's words ("userId: must be a UUID"), without the SDK's function name.
      if (issue?.path)
        refused.body.error = {
          ...refused.body.error,
          message: `${issue.path}: ${issue.message}`,
          field: issue.path,
        };
      return refused;
    }
    return response(
      502,
      "unexpected_result",
      "The database answered in a shape this dashboard does not know.",
      undefined,
      true,
    );
  }
  if (error instanceof UsageConnectionError) {
    return response(503, "database_unreachable", "The database could not be reached.", undefined, true);
  }
  if (error instanceof UsageDatabaseError && error.code === "22023") {
    return response(400, "22023", databaseWords(error), error.context.hint);
  }
  if (error instanceof UsageDatabaseError && error.code === "P0002") {
    return response(404, "P0002", databaseWords(error), error.context.hint);
  }
  if (error instanceof UsageDatabaseError) {
    return response(500, error.code ?? "database_error", "The database failed to answer.", undefined, true);
  }
  return response(500, "internal", "The dashboard server failed.", undefined, true);
}
