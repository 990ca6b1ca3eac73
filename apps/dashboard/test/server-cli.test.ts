import { startTestDatabase, type TestDatabase } from "@org/ai-usage-db/testing";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_ADMIN } from "../src/local/session-token.js";
import { type CliRun, runDashboardCli } from "./support/dashboard-cli.js";

// `pnpm dashboard` as a user runs it, against a database given by URL (never the shared embedded one).
const SECRET = "a-project-jwt-secret-of-at-least-32-characters";
const SUPABASE_URL = "https://abcdefghij.supabase.co";

let database: TestDatabase;
const runs: CliRun[] = [];

beforeAll(async () => {
  database = await startTestDatabase();
});

afterAll(async () => {
  await Promise.all(runs.map((run) => run.stop()));
  await database?.stop();
});

async function cli(args: string[], env: Record<string, string>): Promise<CliRun> {
  const run = await runDashboardCli(["--port", "0", ...args], env);
  runs.push(run);
  return run;
}

async function status(url: string, token: string): Promise<number> {
  return (await fetch(`${url}/api/dashboard`, { headers: { authorization: `Bearer ${token}` } })).status;
}

function projectSession(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT({
    role: "authenticated",
    aud: "authenticated",
    app_metadata: { role: "admin" },
    ...claims,
  })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(LOCAL_ADMIN.userId)
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(SECRET));
}

describe("--print-admin-token", () => {
  it("is refused with the project's secret on a database given by DATABASE_URL or --database-url", async () => {
    for (const [name, args, env] of [
      ["DATABASE_URL", [], { DATABASE_URL: database.url }],
      ["--database-url", ["--database-url", database.url], {}],
    ] as const) {
      const run = await cli([...args, "--print-admin-token", "--no-migrate"], {
        ...env,
        SUPABASE_JWT_SECRET: SECRET,
      });
      expect(run.exitCode, name).toBe(1);
      expect(run.stderr, name).toMatch(/--print-admin-token is refused/);
      expect(run.stderr, name).toMatch(/not the embedded one/);
      expect(run.stdout, name).not.toMatch(/token=|eyJ/);
    }
  });

  it("without the project's secret, a token for this run only opens this server", async () => {
    const run = await cli(["--no-migrate"], { DATABASE_URL: database.url });
    expect(run.exitCode).toBeNull();
    expect(run.stdout).toMatch(/no SUPABASE_JWT_SECRET: this run signs tokens with a random secret/);
    expect(run.adminUrl).toBeDefined();
    expect(await status(run.adminUrl!.url, run.adminUrl!.token)).toBe(200);
    await run.stop();
  });
});

describe("session tokens of a Supabase project", () => {
  it("need the project's issuer (SUPABASE_URL) and audience, and no admin token is printed", async () => {
    const run = await cli(["--no-migrate"], {
      DATABASE_URL: database.url,
      SUPABASE_JWT_SECRET: SECRET,
      SUPABASE_URL: `${SUPABASE_URL}/`,
    });
    expect(run.exitCode).toBeNull();
    expect(run.adminUrl).toBeUndefined();
    const url = run.serverUrl!;
    expect(await status(url, await projectSession({ iss: `${SUPABASE_URL}/auth/v1` }))).toBe(200);
    expect(await status(url, await projectSession({}))).toBe(401);
    expect(await status(url, await projectSession({ iss: "https://other.supabase.co/auth/v1" }))).toBe(401);
    expect(await status(url, await projectSession({ iss: `${SUPABASE_URL}/auth/v1`, aud: "other" }))).toBe(
      401,
    );
    await run.stop();
  });
});
