import { readdir } from "node:fs/promises";
import { describe, expect, inject, it } from "vitest";
import { defaultMigrationsDir } from "../../src/index.js";
import { createDatabase, startTestDatabase } from "../../src/testing.js";
import { queryOnce } from "./support.js";

describe("startTestDatabase", { timeout: 180_000 }, () => {
  it("starts a migrated server that can be stopped and started again mid-test", async () => {
    const database = await startTestDatabase({ major: inject("postgresMajor") });
    try {
      const migrations = (await readdir(defaultMigrationsDir(), { withFileTypes: true })).filter((e) =>
        e.isDirectory(),
      );
      expect(
        await queryOnce(database.url, "SELECT count(*)::int AS applied FROM _prisma_migrations"),
      ).toEqual([{ applied: migrations.length }]);

      await database.stopServer();
      await expect(queryOnce(database.url, "SELECT 1")).rejects.toThrow(/ECONNREFUSED/);
      await database.startServer();
      await database.restart();
      expect(await queryOnce(database.url, "SELECT to_regprocedure('auth.uid()') IS NOT NULL AS ok")).toEqual(
        [{ ok: true }],
      );
    } finally {
      await database.stop();
    }
    await expect(queryOnce(database.url, "SELECT 1")).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe("createDatabase", () => {
  it("adds a migrated database to a running server", async () => {
    const name = `extra_${Date.now()}_${process.pid}`;
    const url = await createDatabase(inject("databaseUrl"), name);

    expect(new URL(url).pathname).toBe(`/${name}`);
    expect(
      await queryOnce(
        url,
        "SELECT current_database() AS name, (SELECT count(*) > 0 FROM _prisma_migrations) AS migrated",
      ),
    ).toEqual([{ name, migrated: true }]);
  });
});
