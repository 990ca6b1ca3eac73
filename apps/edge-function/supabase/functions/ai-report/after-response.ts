import type { UsageRecorder } from "@org/ai-usage-sdk";

export interface AfterResponseOptions {
  recorder: Pick<UsageRecorder, "flush">;
  /** `EdgeRuntime.waitUntil` on Supabase: keeps the worker alive for work after the response. */
  waitUntil?: ((task: Promise<unknown>) => void) | undefined;
  /** Without waitUntil the flush is awaited before the response completes, but never longer than this. */
  awaitLimitMs: number;
}

/**
 * Writes what a request recorded. On Supabase the write runs after the response (waitUntil), so the
 * caller never waits for the database; elsewhere (plain `deno run`) it is awaited, bounded, before the
 * response completes. Either way nothing here can fail the response: the recorder reports its own
 * problems through onError, and events not yet written stay buffered for the next flush.
 */
export function createAfterResponse(options: AfterResponseOptions): () => Promise<void> {
  return async () => {
    // The SDK wrapper records a failed request from its own rejection handler; a macrotask turn lets
    // every such handler run first, so this flush includes that event.
    const task = nextTurn().then(() => options.recorder.flush());
    if (options.waitUntil) {
      options.waitUntil(task);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, options.awaitLimitMs);
    });
    try {
      await Promise.race([task, limit]);
    } finally {
      clearTimeout(timer);
    }
  };
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
