import { type ChildProcess, spawn } from "node:child_process";
import { DENO_CONFIG, DENO_DIR, denoBinary, FUNCTION_ENTRY } from "./paths.js";

export interface DenoFunction {
  /** http://127.0.0.1:<port>/ */
  url: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

export interface DenoRunOptions {
  env: Record<string, string>;
  /** Default: the function's index.ts. */
  entry?: string;
}

/** The permissions Supabase's runtime grants a function, and all `deno run` needs here. */
export function denoRunArguments(entry: string): string[] {
  return [
    "run",
    "--config",
    DENO_CONFIG,
    // The committed deno.lock must already describe every npm package: CI runs what was reviewed.
    "--frozen",
    "--allow-net",
    "--allow-env",
    "--allow-read",
    entry,
  ];
}

// The function's own settings: never inherited from the developer's shell (a real ANTHROPIC_API_KEY...).
const FUNCTION_SETTING = /^(ANTHROPIC_|SUPABASE_|BUDGET_|JWT_SECRET$|CORS_ALLOW_ORIGIN$|PORT$)/;

/**
 * The parent's environment without the function's settings, plus `env`. The rest is kept on
 * purpose: proxies and CA bundles (SSL_CERT_FILE, ...) are what lets Deno reach the npm registry.
 */
export function denoEnvironment(env: Record<string, string>): Record<string, string> {
  const inherited = Object.entries(process.env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !FUNCTION_SETTING.test(entry[0]),
  );
  // Trust the operating system's CA store too (Deno's default is its own Mozilla bundle), so a
  // registry reached through a TLS-inspecting proxy with a locally installed CA works.
  const tlsStore = process.env.DENO_TLS_CA_STORE ?? "system,mozilla";
  return { ...Object.fromEntries(inherited), DENO_DIR, DENO_TLS_CA_STORE: tlsStore, NO_COLOR: "1", ...env };
}

/** Starts the function under the real Deno binary on a free port and waits until it listens. */
export async function startDenoFunction(options: DenoRunOptions): Promise<DenoFunction> {
  const child = spawn(denoBinary(), denoRunArguments(options.entry ?? FUNCTION_ENTRY), {
    env: denoEnvironment({ PORT: "0", ...options.env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    const onData = () => {
      const match = /ai-report listening on http:\/\/[^:]+:(\d+)\//.exec(output);
      if (match) {
        child.stdout.off("data", onData);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => reject(new Error(`deno exited with ${code} before listening:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    output: () => output,
    stop: () => stopProcess(child),
  };
}

/** SIGTERM (the function drains its recorder), then SIGKILL if it lingers. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
