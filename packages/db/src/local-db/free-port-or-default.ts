import { createServer } from "node:net";
import { findFreePort } from "../embedded/free-port.js";

/** `db:start`'s port when none is asked for: the same every time, so a pasted URL keeps working. */
export const DEFAULT_PORT = 54329;

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.unref();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** `preferred` when nothing listens on it (127.0.0.1), else a free port picked by the kernel. */
export async function portOrFree(preferred: number): Promise<{ port: number; preferredBusy: boolean }> {
  if (await isPortFree(preferred)) return { port: preferred, preferredBusy: false };
  return { port: await findFreePort(), preferredBusy: true };
}
