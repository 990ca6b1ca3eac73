// @org/ai-usage-sdk/gemini: usage from Gemini responses and a tracked Google Gen AI client (@google/genai).
export type { RecordingOnlyOptions } from "./providers/budget-not-supported.js";
export type { UsageContextInput, UsageContextSource } from "./providers/context.js";
export { type GeminiUsageMetadata, tokenUsageFromGemini } from "./providers/gemini/gemini-usage.js";
export { type GeminiClientLike, trackGemini } from "./providers/gemini/track-gemini.js";
export type { TokenUsage } from "./providers/token-usage.js";
export type { Tracked } from "./providers/tracked-client.js";
