import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const APP = join(import.meta.dirname, "..", "..");
const READY = "Press Ctrl+C to stop.";

export interface CliRun {
  /** Exit code, or null while it is still serving. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The `http://host:port/#token=...` line's URL and token, when it printed one. */
  adminUrl: { url: string; token: string } | undefined;
  /** The server's base URL, when it is serving. */
  serverUrl: string | undefined;
  stop(): Promise<void>;
}

// Variables a developer's shell may hold that would change what the CLI does under test.
const INHERITED_SETTINGS = [
  "DATABASE_URL",
  "SUPABASE_JWT_SECRET",
  "SUPABASE_URL",
  "JWT_ISSUER",
  "JWT_AUDIENCE",
];

/**
 * Runs `pnpm dashboard` (its script, as `pnpm dashboard` does) with `env` on top of a clean copy of
 * this process's environment, and returns once it exits or says it is serving.
 */
export async function runDashboardCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  const environment = { ...process.env };
  for (const name of INHERITED_SETTINGS) delete environment[name];
  const child = spawn(
    join(APP, "node_modules", ".bin", "tsx"),
    ["--tsconfig", "tsconfig.cli.json", "src/server-cli.ts", ...args],
    { cwd: APP, env: { ...environment, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // "close", not "exit": by then all of its output has been read.
  let closed = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once("close", (code) => {
      closed = true;
      resolve(code);
    }),
  );
  await until(() => closed || stdout.includes(READY));
  const outcome = { exitCode: closed ? await exited : null };
  const admin = /(http:\/\/\S+)\/#token=(\S+)/.exec(stdout);
  const serving = /(http:\/\/[^\s/]+)\//.exec(stdout);
  return {
    exitCode: outcome.exitCode,
    stdout,
    stderr,
    adminUrl: admin ? { url: admin[1]!, token: admin[2]! } : undefined,
    serverUrl: outcome.exitCode === null ? serving?.[1] : undefined,
    stop: () => stopChild(child, exited),
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  await exited;
}
