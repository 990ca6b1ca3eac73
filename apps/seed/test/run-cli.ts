import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  /** Resolves when the command has exited, however it exits. */
  readonly exited: Promise<CliRun>;
  /** Ends the command and everything it started (tsx runs the script in a child process). */
  stop(): void;
}

const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
// As `pnpm seed` and `pnpm demo` run (package.json): workspace packages from source.
const tsconfig = fileURLToPath(new URL("../tsconfig.cli.json", import.meta.url));

/**
 * Starts `src/<script>` as its package.json script does, with `environment` over this process's
 * (DATABASE_URL cleared unless given).
 */
export function startCli(
  script: "demo-cli.ts" | "seed-cli.ts",
  args: string[],
  environment: Record<string, string> = {},
): RunningCli {
  const cli = fileURLToPath(new URL(`../src/${script}`, import.meta.url));
  const child = spawn(tsx, ["--tsconfig", tsconfig, cli, ...args], {
    env: { ...process.env, DATABASE_URL: "", ...environment },
    // Its own process group, so stop() reaches the script behind tsx's shim and launcher.
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<CliRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
  return {
    exited,
    stop: () => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    },
  };
}

/** Runs the command to its end. */
export function runCli(
  script: "demo-cli.ts" | "seed-cli.ts",
  args: string[],
  environment: Record<string, string> = {},
): Promise<CliRun> {
  return startCli(script, args, environment).exited;
}
