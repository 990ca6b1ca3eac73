import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
// As the root package.json's scripts run them: @org/ai-usage-db from its sources.
const tsconfig = fileURLToPath(new URL("../tsconfig.cli.json", import.meta.url));

/** Runs `src/cli/<script>` to its end, DATABASE_URL cleared. */
export function runCli(script: "generate-cli.ts" | "sync-cli.ts", args: string[]): Promise<CliRun> {
  const cli = fileURLToPath(new URL(`../src/cli/${script}`, import.meta.url));
  const child = spawn(tsx, ["--tsconfig", tsconfig, cli, ...args], {
    env: { ...process.env, DATABASE_URL: "" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}
