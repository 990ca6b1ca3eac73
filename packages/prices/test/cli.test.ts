import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENERATED_CATALOG_PATH } from "../src/catalog-files.js";
import { type CatalogDatabase, catalogDatabase } from "./catalog-database.js";
import { runCli } from "./run-cli.js";

let folder: string;
let database: CatalogDatabase;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "prices-cli-"));
  database = await catalogDatabase();
});
afterAll(async () => {
  await database?.close();
  await rm(folder, { recursive: true, force: true });
});

describe("pnpm prices:generate --check", () => {
  it("passes on the committed file and fails on a stale or missing one", async () => {
    expect(await runCli("generate-cli.ts", ["--check"])).toMatchObject({ exitCode: 0 });

    const stale = join(folder, "stale.sql");
    const committed = await readFile(GENERATED_CATALOG_PATH, "utf8");
    await writeFile(
      stale,
      committed.replace("'claude-opus-4-5', 'standard', 0, '2024-01-01 00:00:00+00', 5,", "X"),
    );
    const failed = await runCli("generate-cli.ts", ["--check", "--output", stale]);
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toMatch(/stale.sql is stale: run pnpm prices:generate/);
    const missing = await runCli("generate-cli.ts", ["--check", "--output", join(folder, "none.sql")]);
    expect(missing).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/is missing/) });

    expect(await runCli("generate-cli.ts", ["--output", stale])).toMatchObject({ exitCode: 0 });
    expect(await readFile(stale, "utf8")).toBe(committed);
  });
});

describe("pnpm prices:sync", () => {
  it("reports nothing to change on a database with the generated catalog", async () => {
    const run = await runCli("sync-cli.ts", ["--database-url", database.url]);
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/Price file: litellm-model-prices-2026-08-01.json \(316 entries/);
    expect(run.stdout).toMatch(/Changed prices start \d{4}-\d{2}-\d{2} \(today in UTC/);
    expect(run.stdout).toContain("Nothing to change.");
  });

  it("ends a bad command line with exit code 2", async () => {
    const run = await runCli("sync-cli.ts", [
      "--database-url",
      database.url,
      "--effective-from",
      "2026-13-01",
    ]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/expected a date, YYYY-MM-DD/);
  });
});
