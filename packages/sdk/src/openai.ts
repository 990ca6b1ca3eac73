// @org/ai-usage-sdk/openai: usage from OpenAI chat completions / responses and a tracked OpenAI client.
export type { TrackingOptions } from "./providers/call-recorder.js";
export type { UsageContextInput, UsageContextSource } from "./providers/context.js";
export {
  type ChatCompletionUsage,
  type ResponseUsage,
  tokenUsageFromChatCompletion,
  tokenUsageFromResponse,
} from "./providers/openai/openai-usage.js";
export { type OpenAIClientLike, trackOpenAI } from "./providers/openai/track-openai.js";
export type { TokenUsage } from "./providers/token-usage.js";
export type { Tracked } from "./providers/tracked-client.js";
