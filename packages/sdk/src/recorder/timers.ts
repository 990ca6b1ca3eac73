/**
 * Timers that never keep a process alive on their own (Node `unref`, Deno `unrefTimer`): a
 * recorder must not stop a server from exiting. `close()` is what waits for the buffer.
 */
export function unrefTimer(handle: unknown): void {
  if (typeof handle === "object" && handle !== null && "unref" in handle) {
    (handle as { unref(): void }).unref();
    return;
  }
  const deno = (globalThis as { Deno?: { unrefTimer?(id: number): void } }).Deno;
  if (typeof handle === "number" && deno?.unrefTimer) deno.unrefTimer(handle);
}

/** Longest delay setTimeout takes; beyond it Node and browsers fire at once instead. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Resolves after `ms`, or as soon as `signal` aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal, keepAlive = false): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(handle);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const handle = setTimeout(done, Math.min(ms, MAX_TIMER_MS));
    if (!keepAlive) unrefTimer(handle);
    signal?.addEventListener("abort", done, { once: true });
  });
}
