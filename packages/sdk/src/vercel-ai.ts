// @org/ai-usage-sdk/vercel-ai: a language model middleware recording every call made through the Vercel AI SDK.
export type { RecordingOnlyOptions } from "./providers/budget-not-supported.js";
export type { UsageContextInput, UsageContextSource } from "./providers/context.js";
export type { TokenUsage } from "./providers/token-usage.js";
export {
  type AiSdkProviderMetadata,
  type AiSdkUsage,
  providerFromModel,
  tokenUsageFromAiSdk,
} from "./providers/vercel-ai/ai-sdk-usage.js";
export {
  type GenerateResultLike,
  type LanguageModelLike,
  type StreamResultLike,
  type UsageMiddleware,
  usageMiddleware,
} from "./providers/vercel-ai/usage-middleware.js";
