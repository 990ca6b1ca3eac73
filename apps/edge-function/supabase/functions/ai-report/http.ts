/** Error codes the function answers with, in `{ error: { code, message } }`. */
export type ErrorCode =
  | "method_not_allowed"
  | "missing_token"
  | "invalid_token"
  | "role_not_allowed"
  | "anonymous_not_allowed"
  | "invalid_customer_claim"
  | "invalid_json"
  | "invalid_body"
  | "body_too_large"
  | "upstream_rate_limited"
  | "upstream_overloaded"
  | "upstream_unreachable"
  | "upstream_error"
  | "budget_exceeded"
  | "unpriced_model"
  | "budget_unavailable"
  | "internal_error";

/** A failure that has an HTTP answer; anything else thrown by the handler becomes a 500. */
export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** More fields of the `error` object, next to code and message (a refusal's `budget`). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * CORS for browser callers (supabase-js `functions.invoke` sends authorization, apikey,
 * x-client-info and content-type). The answer is the same for every origin, so no Vary is needed.
 */
export function corsHeaders(allowOrigin: string): Record<string, string> {
  return {
    "access-control-allow-origin": allowOrigin,
    "access-control-allow-methods": "POST, OPTIONS",
    "access-control-allow-headers": "authorization, apikey, x-client-info, content-type",
    "access-control-max-age": "86400",
  };
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...headers, "content-type": "application/json; charset=utf-8" },
  });
}

export function errorResponse(error: HttpError, headers: Record<string, string>): Response {
  const extra: Record<string, string> =
    error.status === 401 ? { "www-authenticate": 'Bearer realm="ai-report"' } : {};
  return jsonResponse(
    error.status,
    { error: { code: error.code, message: error.message, ...error.details } },
    { ...headers, ...extra },
  );
}
