import {
  UsageConnectionError,
  UsageDatabaseError,
  UsagePermissionError,
  UsageValidationError,
} from "@org/ai-usage-sdk";
import { BadRequestError } from "./api-routes.js";
import { AuthenticationError, SessionRefusedError } from "./auth.js";

/** The JSON error body every API route answers with: `{ error: { code, message, hint? } }`. */
export interface ApiErrorResponse {
  status: number;
  body: { error: { code: string; message: string; hint?: string } };
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
    return error.context.source === "arguments"
      ? response(400, "invalid_argument", error.message)
      : response(
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
    return response(400, "22023", error.message, error.context.hint);
  }
  if (error instanceof UsageDatabaseError) {
    return response(500, error.code ?? "database_error", "The database failed to answer.", undefined, true);
  }
  return response(500, "internal", "The dashboard server failed.", undefined, true);
}
