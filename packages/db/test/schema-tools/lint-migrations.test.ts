import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { LINT_CUTOFF } from "../../src/schema-tools/lint-migrations.js";

const PACKAGE = join(import.meta.dirname, "..", "..");

async function migrationsFolder(migrations: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "ai-usage-lint-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

function lint(migrationsDir: string) {
  const run = spawnSync(
    join(PACKAGE, "node_modules", ".bin", "tsx"),
    ["src/schema-tools/lint-migrations-cli.ts", "--migrations", migrationsDir],
    { cwd: PACKAGE, encoding: "utf8" },
  );
  return { status: run.status, output: run.stdout + run.stderr };
}

describe("db:lint-migrations", () => {
  it("fails on a finding in a migration newer than the cutoff, and ignores older ones", async () => {
    const dir = await migrationsFolder({
      [LINT_CUTOFF]: "ALTER TABLE t ADD COLUMN old_one int;", // history: not linted
      "20300101000000_new_column": "ALTER TABLE t ADD COLUMN n int;",
    });
    const { status, output } = lint(dir);
    expect(status).toBe(1);
    expect(output).toContain("prefer-bigint-over-int");
    expect(output).toContain("20300101000000_new_column/migration.sql:1");
    expect(output).not.toContain(`${LINT_CUTOFF}/migration.sql`);
  });

  it("passes a clean migration, indexes and transactions as our migrator runs them", async () => {
    const dir = await migrationsFolder({
      "20300101000000_notes_index": "ALTER TABLE t ADD COLUMN n bigint;\nCREATE INDEX t_n_idx ON t (n);\n",
    });
    const { status, output } = lint(dir);
    expect(output).toContain("squawk: no findings");
    expect(status).toBe(0);
  });

  it("says so when there is nothing newer than the cutoff", async () => {
    const { status, output } = lint(await migrationsFolder({ [LINT_CUTOFF]: "SELECT 1;" }));
    expect(status).toBe(0);
    expect(output).toContain("nothing to lint");
  });
});
