import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

// Who started the server now running on a data dir: the Node process that called start(). Lets a
// later start tell a server still in use (owner alive) from one orphaned by a killed process.
const OWNER_FILE = "embedded-owner.pid";

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (postgres, when we are not root).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether `pid` is a postmaster serving `dataDir`; /proc shows its `-D` argument on Linux. */
export async function isPostmasterOf(pid: number, dataDir: string): Promise<boolean> {
  if (!isAlive(pid)) return false;
  const commandLine = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => null);
  return commandLine === null || commandLine.split("\0").includes(dataDir);
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(50)) {
    if (!isAlive(pid)) return true;
  }
  return false;
}

/** The pid of the Node process that started the server now running on `dataDir` (0: unknown). */
export async function readOwner(dataDir: string): Promise<number> {
  const owner = Number((await readFile(join(dataDir, OWNER_FILE), "utf8").catch(() => "")).trim());
  return Number.isInteger(owner) && owner > 0 ? owner : 0;
}

export async function recordOwner(dataDir: string): Promise<void> {
  await writeFile(join(dataDir, OWNER_FILE), `${process.pid}\n`);
}

export async function clearOwner(dataDir: string): Promise<void> {
  await rm(join(dataDir, OWNER_FILE), { force: true });
}

/**
 * Makes a data dir startable after the process that ran its server was killed. A killed server leaves
 * postmaster.pid behind; a killed Node process leaves its server running with nobody to stop it. Both
 * are cleared (with one line saying so). A server whose owner is still alive is in use: refuse.
 */
export async function recoverStalePostmaster(dataDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = join(dataDir, "postmaster.pid");
  const lines = (await readFile(pidFile, "utf8").catch(() => "")).split("\n");
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  if (!(await isPostmasterOf(pid, dataDir))) {
    await rm(pidFile, { force: true });
    log(`embedded-postgres: removed a stale ${pidFile} (its server, pid ${pid}, is gone)`);
    return;
  }
  const owner = await readOwner(dataDir);
  if (owner === 0 || isAlive(owner)) {
    const who = owner > 0 ? `process ${owner}, which is still running` : "a program other than this one";
    throw new Error(
      `PostgreSQL (pid ${pid}, port ${lines[3] ?? "?"}) is already running on ${dataDir}, started by ${who}. ` +
        "Stop it first, or use another data directory.",
    );
  }
  // SIGINT is PostgreSQL's "fast" shutdown; SIGQUIT its immediate one, for a server that hangs.
  process.kill(pid, "SIGINT");
  if (!(await waitForExit(pid, 30_000))) {
    process.kill(pid, "SIGQUIT");
    await waitForExit(pid, 10_000);
  }
  await clearOwner(dataDir);
  log(
    `embedded-postgres: stopped PostgreSQL (pid ${pid}) left running on ${dataDir} by process ${owner}, which was killed`,
  );
}
