import type { ModelProfile } from "./model-catalog.js";
import type { Random } from "./random.js";

/** Share of requests that fail (the brief asks for 3-5%). */
export const errorRate = 0.04;

/**
 * How a failed request looks. `usage` says what the provider still bills: requests rejected
 * up front (overloaded, rate limited) bill nothing; a timeout mid-stream bills the prompt and the
 * few tokens that were streamed before the client gave up.
 */
export interface Failure {
  readonly message: string;
  readonly usage: "none" | "prompt-and-partial-output";
  readonly latencyMs: number;
}

export function drawFailure(random: Random, model: ModelProfile): Failure {
  const roll = random.float();
  if (model.provider === "anthropic") {
    if (roll < 0.4) {
      return {
        message: "overloaded_error: Overloaded (HTTP 529)",
        usage: "none",
        latencyMs: Math.round(random.logNormal(600, 0.5)),
      };
    }
    if (roll < 0.7) {
      return {
        message:
          "rate_limit_error: This request would exceed the rate limit for your organization of 400,000 input tokens per minute (HTTP 429)",
        usage: "none",
        latencyMs: Math.round(random.logNormal(150, 0.5)),
      };
    }
    if (roll < 0.9) return timeout(random);
    return {
      message: "api_error: Internal server error (HTTP 500)",
      usage: "none",
      latencyMs: Math.round(random.logNormal(2_000, 0.8)),
    };
  }
  if (model.provider === "google") {
    if (roll < 0.5) {
      return {
        message: "429 RESOURCE_EXHAUSTED: Resource has been exhausted (e.g. check quota).",
        usage: "none",
        latencyMs: Math.round(random.logNormal(180, 0.5)),
      };
    }
    if (roll < 0.8) return timeout(random);
    return {
      message: "503 UNAVAILABLE: The model is overloaded. Please try again later.",
      usage: "none",
      latencyMs: Math.round(random.logNormal(1_500, 0.8)),
    };
  }
  if (roll < 0.5) {
    return {
      message: `429 Rate limit reached for ${model.model} on tokens per min (TPM): Limit 800000, Used 797421, Requested 6112. Please try again in 342ms.`,
      usage: "none",
      latencyMs: Math.round(random.logNormal(180, 0.5)),
    };
  }
  if (roll < 0.8) return timeout(random);
  return {
    message: "500 The server had an error while processing your request. Sorry about that!",
    usage: "none",
    latencyMs: Math.round(random.logNormal(1_500, 0.8)),
  };
}

function timeout(random: Random): Failure {
  const limitSeconds = random.chance(0.7) ? 60 : 120;
  return {
    message: `Request timed out after ${limitSeconds}s (client timeout, stream aborted)`,
    usage: "prompt-and-partial-output",
    latencyMs: limitSeconds * 1000 + random.int(0, 250),
  };
}
