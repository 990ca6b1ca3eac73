import { isUsageError, UsageBudgetExceededError } from "@org/ai-usage-sdk";
import { HttpError } from "./http.ts";

/**
 * The budget guard's answers as this function's HTTP errors. A guard error reaches the handler
 * only from the reservation made before Anthropic is called (the recorder never throws into the
 * call), so nothing was sent and nothing was spent.
 *
 * Over budget is 402 Payment Required, not 429 Too Many Requests: clients and SDKs treat 429 as
 * "slow down and retry" (many retry it by themselves, with backoff), and that would only hammer a
 * budget that stays spent until its period resets. 402 is not retried by them, and says what it is
 * about: money. The body is the SDK's refusal (UsageBudgetExceededError.toJSON()): a stable code,
 * a message written for the app's user, and the budget's figures for the app's own words.
 *
 * Budgets that cannot be checked (the database is unreachable and the guard fails closed) are a
 * 503, which is worth retrying later.
 */
export function budgetFailure(error: unknown): HttpError | undefined {
  if (error instanceof UsageBudgetExceededError) {
    const { code, message, budget } = error.toJSON().error;
    return new HttpError(402, code, message, { budget });
  }
  if (isUsageError(error) && error.retryable) {
    return new HttpError(503, "budget_unavailable", "Budgets cannot be checked right now; try again later");
  }
  return undefined;
}
