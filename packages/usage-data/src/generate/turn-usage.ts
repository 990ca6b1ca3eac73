import type { ModelProfile } from "./model-catalog.js";
import type { Random } from "./random.js";

/** The conversation so far, as the model sees it (tokens). */
export interface ConversationState {
  /** System prompt, tool definitions and data context, re-sent with every turn. */
  readonly contextTokens: number;
  /** Earlier turns' messages and answers, re-sent with every later turn. */
  historyTokens: number;
  /** Tokens currently held in the provider's prompt cache for this conversation. */
  cachedPrefixTokens: number;
  /** Whether the app puts cache_control breakpoints in its requests (Anthropic only). */
  readonly usesPromptCache: boolean;
  /** Anthropic cache TTL chosen by the app for this conversation. */
  readonly cacheTtl: "5m" | "1h";
}

export interface TurnTokens {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
}

const minimumCacheableTokens = 1024;
/** Apps trim old turns to keep prompts well under the 200k long-context tier. */
const maximumHistoryTokens = 120_000;
const openAiCacheStep = 128;

/**
 * Splits one successful (or partially billed) request into the four disjoint buckets, following
 * how each provider caches: Anthropic caches up to the app's breakpoint (before the newest user
 * message), writing what is new and reading what was cached if the TTL has not lapsed; OpenAI and
 * Gemini cache long prefixes automatically and charge no writes; others do not cache.
 * `newInputTokens` is the new user message plus tool results; `toolTurns` re-sends the prompt.
 */
export function splitTurnTokens(
  model: ModelProfile,
  conversation: ConversationState,
  newInputTokens: number,
  outputTokens: number,
  toolTurns: number,
  minutesSincePreviousTurn: number | undefined,
): TurnTokens {
  const prefix = conversation.contextTokens + conversation.historyTokens;
  const calls = 1 + toolTurns;
  const tokens: TurnTokens = {
    input: 0,
    output: outputTokens,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    cacheRead: 0,
  };

  if (
    model.cache === "anthropic-explicit" &&
    conversation.usesPromptCache &&
    prefix >= minimumCacheableTokens
  ) {
    const ttlMinutes = conversation.cacheTtl === "5m" ? 5 : 60;
    const warm = minutesSincePreviousTurn !== undefined && minutesSincePreviousTurn <= ttlMinutes;
    const alreadyCached = warm ? Math.min(conversation.cachedPrefixTokens, prefix) : 0;
    const written = prefix - alreadyCached;
    if (conversation.cacheTtl === "5m") tokens.cacheWrite5m = written;
    else tokens.cacheWrite1h = written;
    // The first call reads what was cached before; tool-loop calls re-read the whole prefix.
    tokens.cacheRead = alreadyCached + toolTurns * prefix;
    tokens.input = newInputTokens;
    conversation.cachedPrefixTokens = prefix;
    return tokens;
  }

  if (model.cache === "openai-automatic" || model.cache === "gemini-implicit") {
    const warm = minutesSincePreviousTurn !== undefined && minutesSincePreviousTurn <= 10;
    // OpenAI caches in 128-token steps; Gemini reads the whole repeated prefix.
    const step = model.cache === "openai-automatic" ? openAiCacheStep : 1;
    const cacheable = prefix >= minimumCacheableTokens ? Math.floor(prefix / step) * step : 0;
    const firstCallCached = warm ? cacheable : 0;
    tokens.cacheRead = firstCallCached + toolTurns * cacheable;
    tokens.input = calls * (prefix + newInputTokens) - tokens.cacheRead;
    return tokens;
  }

  tokens.input = calls * (prefix + newInputTokens);
  return tokens;
}

/** After a turn the model answered, its message and answer join the history. */
export function appendToHistory(
  conversation: ConversationState,
  newInputTokens: number,
  outputTokens: number,
) {
  conversation.historyTokens = Math.min(
    maximumHistoryTokens,
    conversation.historyTokens + newInputTokens + outputTokens,
  );
}

/** Time to answer: first token (slower with longer prompts, per call), generation, tool runs. */
export function drawLatencyMs(
  random: Random,
  model: ModelProfile,
  tokens: TurnTokens,
  toolTurns: number,
): number {
  const promptTokens = tokens.input + tokens.cacheRead + tokens.cacheWrite5m + tokens.cacheWrite1h;
  const calls = 1 + toolTurns;
  const firstToken =
    random.logNormal(model.firstTokenMs, 0.35) * (1 + promptTokens / calls / 100_000) * calls;
  const generation = tokens.output * model.msPerOutputToken * random.logNormal(1, 0.2);
  const toolRuns = toolTurns * random.logNormal(400, 0.6);
  return Math.min(86_400_000, Math.round(firstToken + generation + toolRuns));
}
