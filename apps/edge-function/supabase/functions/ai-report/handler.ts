import type Anthropic from "@anthropic-ai/sdk";
import type { BudgetGuard, UsageRecorder } from "@org/ai-usage-sdk";
import { trackAnthropic } from "@org/ai-usage-sdk/anthropic";
import { createAfterResponse } from "./after-response.ts";
import { answerWithJson } from "./answer-json.ts";
import { answerWithStream } from "./answer-stream.ts";
import type { AnswerSettings } from "./anthropic-call.ts";
import type { VerifyToken } from "./auth.ts";
import { budgetFailure } from "./budget-refusal.ts";
import { corsHeaders, errorResponse, HttpError } from "./http.ts";
import { readReportRequest } from "./request-body.ts";
import { withStoredErrorMessages } from "./stored-error-message.ts";

export interface HandlerDeps {
  verifyToken: VerifyToken;
  /** The official client (`new Anthropic(...)`); each request gets a tracked view of it. */
  anthropic: Anthropic;
  recorder: Pick<UsageRecorder, "tryRecord" | "flush">;
  /**
   * Reserves each call's largest cost against the caller's budgets before Anthropic is called
   * (refused: 402, Anthropic never called); the recorded usage settles the hold, an upstream
   * failure releases it. Absent: no budget is checked.
   */
  budget?: BudgetGuard | undefined;
  settings: AnswerSettings;
  corsAllowOrigin: string;
  /** `EdgeRuntime.waitUntil` when running on Supabase; absent = recording is awaited (bounded). */
  waitUntil?: ((task: Promise<unknown>) => void) | undefined;
  /** Longest wait for the database before answering when there is no waitUntil. Default 5000 ms. */
  awaitRecordingLimitMs?: number;
  /** Where unexpected errors are reported. Default console.error. */
  logError?: (message: string, error: unknown) => void;
}

export type Handler = (request: Request) => Promise<Response>;

/**
 * POST a prompt with the user's Supabase access token; get Claude's answer (JSON or SSE) while the
 * call is recorded for that user: `sub` is who is charged, and the customer context comes from the
 * token's app_metadata (set by the project's server), never from the body.
 */
export function createHandler(deps: HandlerDeps): Handler {
  const headers = corsHeaders(deps.corsAllowOrigin);
  const logError = deps.logError ?? ((message, error) => console.error(`[ai-report] ${message}`, error));
  const afterResponse = createAfterResponse({
    recorder: deps.recorder,
    waitUntil: deps.waitUntil,
    awaitLimitMs: deps.awaitRecordingLimitMs ?? 5000,
  });
  const recorder = withStoredErrorMessages(deps.recorder);
  const logUpstreamError = (error: unknown) => logError("Anthropic failed", error);

  return async (request) => {
    if (request.method === "OPTIONS") return new Response(null, { status: 204, headers });
    try {
      if (request.method !== "POST") {
        throw new HttpError(405, "method_not_allowed", `${request.method} is not supported; use POST`);
      }
      const caller = await deps.verifyToken(request.headers.get("authorization"));
      const body = await readReportRequest(request);
      const client = trackAnthropic(deps.anthropic, {
        recorder,
        budget: deps.budget,
        context: {
          userId: caller.userId,
          userEmail: caller.email,
          customerId: caller.customer?.id,
          customerName: caller.customer?.name,
          requestType: body.request_type,
          sessionId: body.session_id,
        },
      });
      const options = { settings: deps.settings, headers, afterResponse, logUpstreamError };
      return body.stream
        ? await answerWithStream(client, body.prompt, options)
        : await answerWithJson(client, body.prompt, options);
    } catch (thrown) {
      const budget = budgetFailure(thrown);
      // Only the operators need to know why (the database could not be reached); the caller gets a 503.
      if (budget?.code === "budget_unavailable") logError("budgets could not be checked", thrown);
      const error = budget ?? thrown;
      if (error instanceof HttpError) {
        const extra: Record<string, string> = error.status === 405 ? { allow: "POST, OPTIONS" } : {};
        return errorResponse(error, { ...headers, ...extra });
      }
      logError("unexpected error", error);
      return errorResponse(new HttpError(500, "internal_error", "unexpected error"), headers);
    }
  };
}
