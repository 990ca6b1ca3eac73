import Anthropic from "@anthropic-ai/sdk";
import { HttpError } from "./http.ts";

/**
 * What our caller learns when Anthropic fails (after the client's own retries): a stable code and a
 * fixed message. Never Anthropic's own text: it can name our organisation or workspace, and a 5xx
 * can be a whole HTML page. The details go to the function's log (see handler.ts).
 */
export function upstreamFailure(error: unknown): HttpError {
  if (error instanceof Anthropic.APIConnectionError) {
    return new HttpError(502, "upstream_unreachable", "The AI provider could not be reached");
  }
  const status = error instanceof Anthropic.APIError ? error.status : undefined;
  // A stream that fails after it started has no HTTP status, only the error event's type.
  const type = error instanceof Anthropic.APIError ? error.type : undefined;
  if (status === 429 || type === "rate_limit_error") {
    return new HttpError(
      503,
      "upstream_rate_limited",
      "The AI provider is rate limiting us; try again later",
    );
  }
  if (status === 529 || type === "overloaded_error") {
    return new HttpError(503, "upstream_overloaded", "The AI provider is overloaded; try again later");
  }
  return new HttpError(502, "upstream_error", "The AI provider returned an error");
}
