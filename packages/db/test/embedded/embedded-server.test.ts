import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it, onTestFinished } from "vitest";
import { startEmbeddedPostgres } from "../../src/index.js";
import { isAlive, queryOnce, stopAfterTest, temporaryFolder, waitUntilGone } from "./support.js";

const major = inject("postgresMajor");
const asRoot = userInfo().uid === 0;

function logCollector() {
  const lines: string[] = [];
  return { log: (line: string) => lines.push(line), lines };
}

async function postmasterPid(dataDir: string): Promise<number> {
  return Number((await readFile(join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
}

// Each test initdb's and starts one or two servers: seconds when the machine is idle, far more on a
// busy CI machine shared with other test files.
describe("startEmbeddedPostgres", { timeout: 180_000 }, () => {
  it("reuses an existing data dir: the second start keeps the data and runs no initdb", async () => {
    const dataDir = join(await temporaryFolder(), "data");
    const first = stopAfterTest(await startEmbeddedPostgres({ dataDir, major, ephemeral: true }));
    await queryOnce(first.url, "CREATE TABLE kept (id int)");
    await first.stop();
    const versionFile = await stat(join(dataDir, "PG_VERSION"));

    const second = stopAfterTest(await startEmbeddedPostgres({ dataDir, major, ephemeral: true }));

    expect(await queryOnce(second.url, "SELECT to_regclass('kept') IS NOT NULL AS kept")).toEqual([
      { kept: true },
    ]);
    expect((await stat(join(dataDir, "PG_VERSION"))).mtimeMs).toBe(versionFile.mtimeMs);
    expect(await queryOnce(second.url, "SHOW server_version_num")).toEqual([
      { server_version_num: expect.stringMatching(new RegExp(`^${major}`)) },
    ]);
  });

  it("stops and starts again on the same port and data", async () => {
    const server = stopAfterTest(
      await startEmbeddedPostgres({ dataDir: join(await temporaryFolder(), "data"), major, ephemeral: true }),
    );
    await server.stop();
    await expect(queryOnce(server.url, "SELECT 1")).rejects.toThrow(/ECONNREFUSED/);
    await server.start();
    expect(await queryOnce(server.url, "SELECT 1 AS up")).toEqual([{ up: 1 }]);
  });

  it("recovers from the postmaster.pid of a server that was killed", async () => {
    const dataDir = join(await temporaryFolder(), "data");
    const killed = await startEmbeddedPostgres({ dataDir, major, ephemeral: true });
    const pid = await postmasterPid(dataDir);
    process.kill(pid, "SIGKILL");
    await waitUntilGone(pid);
    await killed.stop(); // must not hang on a server that is already gone

    const { log, lines } = logCollector();
    const server = stopAfterTest(await startEmbeddedPostgres({ dataDir, major, ephemeral: true, log }));

    expect(lines).toEqual([
      `embedded-postgres: removed a stale ${dataDir}/postmaster.pid (its server, pid ${pid}, is gone)`,
    ]);
    expect(await queryOnce(server.url, "SELECT 1 AS up")).toEqual([{ up: 1 }]);
  });

  it("stops a server orphaned by a killed process, then starts its own", async () => {
    const dataDir = join(await temporaryFolder(), "data");
    const fixture = fileURLToPath(new URL("./fixtures/start-and-wait.ts", import.meta.url));
    // node itself (not the tsx CLI, which runs a second node process) so killing it kills the owner.
    const owner = spawn(process.execPath, ["--import", "tsx", fixture, dataDir, String(major)], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      stdio: ["ignore", "pipe", "inherit"],
    });
    onTestFinished(() => {
      owner.kill("SIGKILL");
    });
    const [ready] = (await once(createInterface({ input: owner.stdout! }), "line")) as [string];
    expect(ready).toMatch(/^READY \d+$/);
    const orphan = await postmasterPid(dataDir);
    owner.kill("SIGKILL");
    await once(owner, "exit");
    expect(isAlive(orphan)).toBe(true);

    const { log, lines } = logCollector();
    const server = stopAfterTest(await startEmbeddedPostgres({ dataDir, major, ephemeral: true, log }));

    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`stopped PostgreSQL \\(pid ${orphan}\\) left running`)),
    ]);
    expect(isAlive(orphan)).toBe(false);
    expect(await queryOnce(server.url, "SELECT 1 AS up")).toEqual([{ up: 1 }]);
  });

  it("refuses a data dir whose server is still in use", async () => {
    const dataDir = join(await temporaryFolder(), "data");
    stopAfterTest(await startEmbeddedPostgres({ dataDir, major, ephemeral: true }));
    await expect(startEmbeddedPostgres({ dataDir, major, ephemeral: true })).rejects.toThrow(
      `is already running on ${dataDir}, started by process ${process.pid}, which is still running`,
    );
  });

  it("lets user postgres reach a data dir under folders only root may enter, saying what it changed", async () => {
    const locked = join(await temporaryFolder(), "locked");
    await mkdir(join(locked, "inner"), { recursive: true, mode: 0o700 });
    const dataDir = join(locked, "inner", "data");
    const { log, lines } = logCollector();

    const server = stopAfterTest(await startEmbeddedPostgres({ dataDir, major, ephemeral: true, log }));

    expect(await queryOnce(server.url, "SELECT 1 AS up")).toEqual([{ up: 1 }]);
    if (asRoot) {
      expect(lines).toEqual([
        expect.stringContaining(
          `embedded-postgres: added the search (x) bit to ${locked}, ${join(locked, "inner")}`,
        ),
      ]);
      expect((await stat(locked)).mode & 0o777).toBe(0o701);
    } else {
      expect(lines).toEqual([]); // the folders are our own: nothing to fix
    }
  });

  it("never takes over a non-empty folder that holds no cluster", async () => {
    const folder = await temporaryFolder();
    await writeFile(join(folder, "notes.txt"), "not a database");

    await expect(startEmbeddedPostgres({ dataDir: folder, major, log: () => undefined })).rejects.toThrow(
      asRoot ? `${folder} is not empty and holds no PostgreSQL cluster` : /not empty/,
    );
    expect((await stat(join(folder, "notes.txt"))).uid).toBe(userInfo().uid);
  });

  it("explains a failed start with the server's last log lines", async () => {
    const blocker = createServer().listen(0, "127.0.0.1");
    await once(blocker, "listening");
    const port = (blocker.address() as { port: number }).port;
    try {
      const dataDir = join(await temporaryFolder(), "data");
      await expect(startEmbeddedPostgres({ dataDir, major, port, ephemeral: true })).rejects.toThrow(
        new RegExp(
          `PostgreSQL ${major} did not start[^]*port ${port}[^]*Last lines of its log:[^]*could not bind`,
        ),
      );
    } finally {
      blocker.close();
    }
  });

  it("refuses a data dir made by another PostgreSQL major", async () => {
    const dataDir = join(await temporaryFolder(), "data");
    const other = major === 17 ? 15 : 17;
    await mkdir(dataDir);
    await writeFile(join(dataDir, "PG_VERSION"), `${other}\n`);
    await expect(startEmbeddedPostgres({ dataDir, major, log: () => undefined })).rejects.toThrow(
      `holds a PostgreSQL ${other} cluster but PostgreSQL ${major} was asked for`,
    );
  });
});
