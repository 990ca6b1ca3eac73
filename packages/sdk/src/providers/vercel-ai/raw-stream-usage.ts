import { AnthropicStreamUsage } from "../anthropic/anthropic-stream-usage.js";
import { tokenUsageFromGemini } from "../gemini/gemini-usage.js";
import type { TokenUsage } from "../token-usage.js";

/**
 * Usage read from a stream's raw provider chunks, for a stream that stops before the AI SDK's
 * `finish` part (the only part with usage): Anthropic reports input and cache tokens in
 * `message_start` and running output totals in `message_delta`; Gemini puts a running total on
 * every chunk. Other providers report usage only at the end, so nothing is known early.
 */
export class RawStreamUsage {
  private readonly anthropic: AnthropicStreamUsage | undefined;
  private gemini: TokenUsage | undefined;
  private seen = false;

  constructor(private readonly provider: string) {
    this.anthropic = provider === "anthropic" ? new AnthropicStreamUsage() : undefined;
  }

  observe(rawValue: unknown): void {
    if (typeof rawValue !== "object" || rawValue === null) return;
    if (this.anthropic) {
      this.anthropic.observe(rawValue as Parameters<AnthropicStreamUsage["observe"]>[0]);
      this.seen ||= (rawValue as { type?: unknown }).type === "message_start";
    } else if (this.provider === "google") {
      const usage = (rawValue as { usageMetadata?: Parameters<typeof tokenUsageFromGemini>[0] })
        .usageMetadata;
      if (usage) {
        this.gemini = tokenUsageFromGemini(usage);
        this.seen = true;
      }
    }
  }

  /** The usage known so far, or undefined when the chunks told nothing. */
  tokens(): TokenUsage | undefined {
    if (!this.seen) return undefined;
    return this.anthropic ? this.anthropic.tokens() : this.gemini;
  }
}
