import { sleep } from "./timers.js";

interface Waiter {
  target: number;
  resolve: () => void;
}

/**
 * Counts accepted events that are written or dropped (events settle in the order they were
 * accepted), and lets flush() and close() wait until a given count is reached or a deadline passes.
 */
export class SettledEvents {
  private settled = 0;
  private readonly waiters: Waiter[] = [];

  get count(): number {
    return this.settled;
  }

  add(count: number): void {
    this.settled += count;
    for (let index = this.waiters.length - 1; index >= 0; index--) {
      const waiter = this.waiters[index]!;
      if (this.settled >= waiter.target) {
        this.waiters.splice(index, 1);
        waiter.resolve();
      }
    }
  }

  /** Resolves when `target` events are settled, or after `timeoutMs` (`Infinity`: no deadline). */
  reached(target: number, timeoutMs: number): Promise<void> {
    if (this.settled >= target) return Promise.resolve();
    return new Promise((resolve) => {
      const deadline = new AbortController();
      const waiter: Waiter = {
        target,
        resolve: () => {
          deadline.abort();
          resolve();
        },
      };
      this.waiters.push(waiter);
      if (!Number.isFinite(timeoutMs)) return;
      // Kept referenced, like close()'s: a script that awaits flush() gets its answer before exiting.
      void sleep(timeoutMs, deadline.signal, true).then(() => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        resolve();
      });
    });
  }
}
