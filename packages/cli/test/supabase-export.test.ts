import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readMigrationFiles } from "@org/ai-usage-db/migrator";
import { afterEach, beforeEach, expect, test } from "vitest";
import { runCli } from "./support/run-cli.js";

const shippedDir = fileURLToPath(new URL("../migrations/", import.meta.url));
let project: string;

beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), "ai-usage-supabase-"));
});
afterEach(() => rm(project, { recursive: true, force: true }));

test("writes <timestamp>_<name>.sql per migration into supabase/migrations, byte-identical", async () => {
  // The app's own migration in the same folder stays as it is.
  const dir = join(project, "supabase", "migrations");
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "20250101000000_app_tables.sql"), "create table notes (id int);\n");
  const run = await runCli(["supabase-export"], { cwd: project });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const migrations = await readMigrationFiles(shippedDir);
  expect((await readdir(dir)).sort()).toEqual(
    ["20250101000000_app_tables.sql", ...migrations.map((migration) => `${migration.name}.sql`)].sort(),
  );
  expect(await readFile(join(dir, "20250101000000_app_tables.sql"), "utf8")).toBe(
    "create table notes (id int);\n",
  );
  for (const migration of migrations) {
    expect((await readFile(join(dir, `${migration.name}.sql`))).equals(await readFile(migration.path))).toBe(
      true,
    );
  }
  expect(run.stdout).toContain(`${migrations.length} written, 0 already there, in ${dir}`);

  const again = await runCli(["supabase-export", "--dir", "supabase/migrations"], { cwd: project });
  expect(again.code).toBe(0);
  expect(again.stdout).toContain(`0 written, ${migrations.length} already there`);
});

test("refuses to overwrite a file that differs, and then writes nothing at all", async () => {
  const migrations = await readMigrationFiles(shippedDir);
  const dir = join(project, "custom");
  expect((await runCli(["supabase-export", "--dir", dir])).code).toBe(0);
  const changed = join(dir, `${migrations[1]!.name}.sql`);
  await writeFile(changed, "-- edited by hand\n");
  const removed = join(dir, `${migrations[0]!.name}.sql`);
  await rm(removed);

  const run = await runCli(["supabase-export", "--dir", dir]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(
    `not overwriting 1 file(s) that differ from the shipped migration (nothing written): ${changed}`,
  );
  expect(await readFile(changed, "utf8")).toBe("-- edited by hand\n");
  expect(await readdir(dir)).not.toContain(`${migrations[0]!.name}.sql`);
});

test("--dir naming a file, not a folder, is one clear line and exit 1", async () => {
  const file = join(project, "not-a-folder");
  await writeFile(file, "");
  const run = await runCli(["supabase-export", "--dir", file]);
  expect(run.code).toBe(1);
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(run.stderr).toContain("ai-usage: ENOTDIR: not a directory");
});
