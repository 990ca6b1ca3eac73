import { spawn } from "node:child_process";
import { describe, expect, test } from "vitest";
import { denoEnvironment, denoRunArguments } from "./support/deno-function.js";
import { JWT_SECRET } from "./support/jwt.js";
import { denoBinary, FUNCTION_ENTRY } from "./support/paths.js";

/** Runs the function with `env` and returns how it ended (it must not start listening). */
function runFunction(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(denoBinary(), denoRunArguments(FUNCTION_ENTRY), {
      env: denoEnvironment({ PORT: "0", ...env }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the function kept running:\n${output}`));
    }, 30_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("environment, validated once at start", () => {
  test("nothing set: the process exits naming every missing secret", async () => {
    const { code, output } = await runFunction({});
    expect(code).not.toBe(0);
    expect(output).toContain("ai-report: invalid environment:");
    expect(output).toContain("SUPABASE_DB_URL is missing");
    expect(output).toContain("ANTHROPIC_API_KEY is missing");
    expect(output).toContain("SUPABASE_JWT_SECRET is missing");
    expect(output).not.toContain("listening");
  });

  test("bad values are named with what is expected", async () => {
    const { code, output } = await runFunction({
      SUPABASE_DB_URL: "mysql://localhost/app",
      JWT_SECRET: "too-short",
      ANTHROPIC_API_KEY: "sk-ant-x",
      ANTHROPIC_BASE_URL: "not a url",
      ANTHROPIC_MAX_TOKENS: "lots",
      SUPABASE_URL: "project.supabase.co",
      JWT_ISSUER: "https://ok.example/auth/v1, not-a-url",
      ALLOW_ANONYMOUS_USERS: "maybe",
      BUDGET_WHEN_UNAVAILABLE: "sometimes",
    });
    expect(code).not.toBe(0);
    expect(output).toContain("SUPABASE_DB_URL must be a postgres:// connection string");
    expect(output).toContain("JWT_SECRET must be at least 32 characters");
    expect(output).toContain("ANTHROPIC_BASE_URL must be an http(s) URL");
    expect(output).toContain("ANTHROPIC_MAX_TOKENS must be an integer between 1 and 128000");
    expect(output).toContain("SUPABASE_URL must be an http(s) URL");
    expect(output).toContain("JWT_ISSUER.1 must be a comma-separated list of http(s) URLs");
    expect(output).toContain("ALLOW_ANONYMOUS_USERS must be true or false");
    expect(output).toContain('BUDGET_WHEN_UNAVAILABLE must be "closed" or "open"');
    expect(output).not.toContain(JWT_SECRET);
  });
});
