import { createServer } from "node:net";

/** Asks the kernel for a currently unused TCP port on 127.0.0.1 (the only address the servers listen on). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error("The kernel gave no free port"))));
    });
  });
}
