// The process `pnpm db:start` leaves running (detached, in a session of its own): it starts the
// embedded PostgreSQL with startEmbeddedPostgres, so the stale-postmaster, exit-hook and run-as-
// postgres handling is the same as everywhere, and stops it on SIGTERM (pnpm db:stop) or SIGINT.
// Reports {url} or {error} once over the IPC channel, then lets its parent go.
// Usage (by start-server.ts only): server-keeper.ts <dataDir> <port>
import { startEmbeddedPostgres } from "../embedded/embedded-server.js";

export type KeeperMessage = { url: string } | { error: string };

const report = (message: KeeperMessage) =>
  new Promise<void>((resolve) => {
    if (!process.send) return resolve();
    process.send(message, () => {
      process.disconnect?.();
      resolve();
    });
  });

const [dataDir, port] = process.argv.slice(2);
try {
  const server = await startEmbeddedPostgres({
    dataDir: dataDir!,
    major: 17,
    port: Number(port),
    log: (line) => console.log(line),
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log(`${new Date().toISOString()} stopping PostgreSQL on port ${server.port}`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  console.log(`${new Date().toISOString()} PostgreSQL ${server.major} ready: ${server.url}`);
  await report({ url: server.url });
  setInterval(() => undefined, 1 << 30);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message);
  await report({ error: message });
  process.exit(1);
}
