import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { embeddedServerUrl } from "../embedded/embedded-server.js";
import { isPostmasterOf, readOwner } from "../embedded/stale-postmaster.js";

export interface RunningServer {
  /** Complete URL, password included (the embedded server's is fixed and it listens on 127.0.0.1 only). */
  url: string;
  port: number;
  /** The postmaster's pid. */
  pid: number;
  /** The Node process that started it (`pnpm db:start`'s keeper, `pnpm dashboard`, ...); 0 if unknown. */
  owner: number;
}

/**
 * The embedded PostgreSQL now serving `dataDir`, whoever started it, or null. PostgreSQL's own
 * postmaster.pid is the record: its pid, its port (line 4) and "ready" (line 8) once it accepts
 * connections, so nothing else has to be kept in step with the server.
 */
export async function findRunningServer(dataDir: string): Promise<RunningServer | null> {
  const lines = (await readFile(join(dataDir, "postmaster.pid"), "utf8").catch(() => "")).split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  if (lines[7]?.trim() !== "ready") return null;
  if (!(await isPostmasterOf(pid, dataDir))) return null;
  return { url: embeddedServerUrl(port), port, pid, owner: await readOwner(dataDir) };
}
