import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { createEmptyDatabase } from "./support/databases.js";
import { runCli } from "./support/run-cli.js";

const DATABASE_COMMANDS = ["migrate", "status", "doctor"];

/** One line on stderr, no stack trace. */
function expectOneLine(stderr: string): void {
  expect(stderr.trim().split("\n")).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe.each(DATABASE_COMMANDS)(
  "%s: a bad or missing database URL is one clear line and exit 2 or 3",
  (command) => {
    test("no --database-url and no DATABASE_URL: exit 2", async () => {
      const run = await runCli([command]);
      expect(run.code).toBe(2);
      expectOneLine(run.stderr);
      expect(run.stderr).toContain("ai-usage: no database: pass --database-url or set DATABASE_URL");
    });

    test("a DATABASE_URL that is not a URL: exit 2, the value (which may hold a password) not echoed", async () => {
      const run = await runCli([command], { env: { DATABASE_URL: "host=db password=s3cret" } });
      expect(run.code).toBe(2);
      expectOneLine(run.stderr);
      expect(run.stderr).toContain("ai-usage: DATABASE_URL is not a URL; expected postgresql://");
      expect(run.stderr).not.toContain("s3cret");
    });

    test("another scheme: exit 2", async () => {
      const run = await runCli([command, "--database-url", "mysql://root:pw@localhost/app"]);
      expect(run.code).toBe(2);
      expectOneLine(run.stderr);
      expect(run.stderr).toContain(
        "--database-url must start with postgresql:// or postgres://, not mysql://",
      );
    });

    test("nobody listening: exit 3, the password masked", async () => {
      // Port 1 on loopback: reserved (tcpmux), nothing listens there.
      const run = await runCli([command, "--database-url", "postgresql://app:s3cret@127.0.0.1:1/app"]);
      expect(run.code).toBe(3);
      expectOneLine(run.stderr);
      expect(run.stderr).toContain(
        "ai-usage: cannot connect to postgresql://app:****@127.0.0.1:1/app: connection refused",
      );
    });

    test("a database that does not exist: exit 3", async () => {
      const url = new URL(await createEmptyDatabase());
      url.pathname = "/no_such_database";
      const run = await runCli([command, "--database-url", url.toString()]);
      expect(run.code).toBe(3);
      expectOneLine(run.stderr);
      expect(run.stderr).toContain('database "no_such_database" does not exist');
    });

    test("--help documents the command's options and the exit codes, exit 0", async () => {
      const run = await runCli([command, "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: ai-usage ${command}`);
      expect(run.stdout).toContain("--database-url <url>");
      expect(run.stdout).toContain("3  the database could not be reached");
    });
  },
);

test("an unknown option or command is exit 2 with a pointer to --help", async () => {
  const option = await runCli(["migrate", "--force"]);
  expect(option.code).toBe(2);
  expect(option.stderr).toContain("error: unknown option '--force'");
  expect(option.stderr).toContain("(run with --help for usage)");
  const command = await runCli(["migrat"]);
  expect(command.code).toBe(2);
  expect(command.stderr).toContain("unknown command 'migrat'");
});

test("--version prints the package's version", async () => {
  const run = await runCli(["--version"]);
  expect(run.code).toBe(0);
  expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
});

describe("DATABASE_URL from ./.env", () => {
  test("fills in DATABASE_URL when the environment has none; the environment wins over it", async () => {
    const url = await createEmptyDatabase();
    const folder = await mkdtemp(join(tmpdir(), "ai-usage-dotenv-"));
    try {
      await writeFile(join(folder, ".env"), `# the app's settings\nDATABASE_URL="${url}"\nOTHER=1\n`);
      const fromFile = await runCli(["status"], { cwd: folder });
      expect(fromFile.stdout).toContain("pending");
      expect(fromFile.code).toBe(1);

      const fromEnvironment = await runCli(["status"], {
        cwd: folder,
        env: { DATABASE_URL: "postgresql://app:s3cret@127.0.0.1:1/app" },
      });
      expect(fromEnvironment.code).toBe(3);
      expect(fromEnvironment.stderr).toContain("cannot connect to postgresql://app:****@127.0.0.1:1/app");
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
