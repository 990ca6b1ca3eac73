import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, onTestFinished, test } from "vitest";
import { checkDatabaseUrl, resolveDatabaseUrl } from "../../src/database-url.js";
import { findFreePort } from "../../src/embedded/free-port.js";
import { startEmbeddedPostgres } from "../../src/index.js";
import { findPsql } from "../../src/local-db/find-psql.js";
import { findRunningServer } from "../../src/local-db/running-server.js";
import { isAlive, queryOnce, stopAfterTest, temporaryFolder } from "./support.js";

const cli = join(import.meta.dirname, "..", "..", "src", "local-db", "local-db-cli.ts");

/** Runs `pnpm db:<command>` the way the root script does (tsx), on `dataDir`. */
async function db(command: string, dataDir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", cli, command, "--data-dir", dataDir, ...args],
      { timeout: 120_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

test("db:start leaves a server running after it exits; db:url prints its URL; db:stop stops it", async () => {
  const dataDir = join(await temporaryFolder(), "pg17");
  const port = await findFreePort();
  onTestFinished(async () => {
    await db("stop", dataDir);
  });

  const started = await db("start", dataDir, "--port", String(port));
  expect(started.code, started.stderr).toBe(0);
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
  expect(started.stdout).toContain(url);
  // The command has exited: the server answers on its own.
  expect(await queryOnce<{ ok: number }>(url, "select 1 as ok")).toEqual([{ ok: 1 }]);

  expect(await db("url", dataDir)).toMatchObject({ code: 0, stdout: `${url}\n` });
  expect((await db("start", dataDir)).stdout).toContain("already running");
  const psql = await db("psql", dataDir, "-tAc", "select 40 + 2");
  if ((await findPsql()) === null) expect(psql.stderr).toContain("psql is not installed");
  else expect(psql).toMatchObject({ code: 0, stdout: "42\n" });
  expect(await db("url", dataDir, "extra")).toMatchObject({ code: 2 });

  const running = await findRunningServer(dataDir);
  expect(running).toMatchObject({ url, port });
  const stopped = await db("stop", dataDir);
  expect(stopped.code, stopped.stderr).toBe(0);
  expect(isAlive(running!.pid)).toBe(false);
  const after = await db("url", dataDir);
  expect(after.code).toBe(1);
  expect(after.stderr).toContain("pnpm db:start");
});

test("resolveDatabaseUrl shares an embedded server already running on the data dir, and leaves it running", async () => {
  const dataDir = join(await temporaryFolder(), "pg17");
  const server = stopAfterTest(await startEmbeddedPostgres({ dataDir, ephemeral: true }));
  const saved = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  onTestFinished(() => {
    if (saved !== undefined) process.env.DATABASE_URL = saved;
  });

  const resolved = await resolveDatabaseUrl({ dataDir });
  expect(resolved).toMatchObject({ url: server.url, source: "embedded", alreadyRunning: true });
  await resolved.stop();
  expect(await queryOnce<{ ok: number }>(server.url, "select 1 as ok")).toEqual([{ ok: 1 }]);
});

test("a malformed database URL is refused with our message, not node-postgres's 'getaddrinfo ENOTFOUND base'", async () => {
  for (const bad of [
    "not a url",
    "db.example.com:5432/postgres",
    "https://db.example.com/postgres",
    "postgres://u:p@h:99999/d",
  ]) {
    expect(() => checkDatabaseUrl(bad, "DATABASE_URL")).toThrow(
      "DATABASE_URL is not a PostgreSQL connection URL: expected postgresql://user:password@host:5432/database",
    );
  }
  // The value may hold a password: the message never repeats it.
  const message = (() => {
    try {
      checkDatabaseUrl("postgres//postgres:secret-password@db", "DATABASE_URL");
    } catch (error) {
      return (error as Error).message;
    }
  })();
  expect(message).toContain("is not a PostgreSQL connection URL");
  expect(message).not.toContain("secret-password");
  const good = "postgresql://postgres:p%40ss@db.example.supabase.co:5432/postgres";
  expect(checkDatabaseUrl(good, "--database-url")).toBe(good);
  await expect(resolveDatabaseUrl({ databaseUrl: "not a url" })).rejects.toThrow("--database-url is not");
});
