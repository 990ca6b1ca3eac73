// @org/ai-usage-sdk/anthropic: usage from Anthropic Messages and a tracked Anthropic client.

export { AnthropicStreamUsage } from "./providers/anthropic/anthropic-stream-usage.js";
export { type AnthropicUsage, tokenUsageFromAnthropic } from "./providers/anthropic/anthropic-usage.js";
export {
  type AnthropicBatchClientLike,
  type AnthropicBatchResultLine,
  type AnthropicBatchResults,
  type AnthropicBatchResultsOptions,
  recordAnthropicBatchResults,
} from "./providers/anthropic/record-batch-results.js";
export { type AnthropicClientLike, trackAnthropic } from "./providers/anthropic/track-anthropic.js";
export type { TrackingOptions } from "./providers/call-recorder.js";
export type { UsageContextInput, UsageContextSource } from "./providers/context.js";
export type { TokenUsage } from "./providers/token-usage.js";
export type { Tracked } from "./providers/tracked-client.js";
