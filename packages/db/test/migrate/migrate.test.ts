import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrate } from "../../src/index.js";
import { createEmptyDatabase, logCollector, query, writeMigrations } from "./support.js";

const quiet = () => undefined;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const FIRST = "20250101000000_first";
const SECOND = "20250102000000_second";
const twoMigrations = {
  // Written out of order on purpose: folder names decide the order.
  [SECOND]: "INSERT INTO steps (name) VALUES ('second');\n",
  [FIRST]:
    "-- café ☕: checksums are over the file's bytes\nCREATE TABLE steps (id serial PRIMARY KEY, name text);\n",
};

describe("migrate", () => {
  it("applies every migration to an empty database in folder-name order, after the stand-in", async () => {
    const url = await createEmptyDatabase();
    const migrationsDir = await writeMigrations(twoMigrations);

    const result = await migrate({ databaseUrl: url, migrationsDir, log: quiet });

    expect(result).toEqual({ applied: [FIRST, SECOND], skipped: 0, standInApplied: true });
    expect(await query(url, "SELECT name FROM steps ORDER BY id")).toEqual([{ name: "second" }]);
    expect(await query(url, "SELECT to_regprocedure('auth.uid()') IS NOT NULL AS present")).toEqual([
      { present: true },
    ]);
  });

  it("applies nothing on a second run, and only new migrations on a later one", async () => {
    const url = await createEmptyDatabase();
    const migrationsDir = await writeMigrations(twoMigrations);
    await migrate({ databaseUrl: url, migrationsDir, log: quiet });

    expect(await migrate({ databaseUrl: url, migrationsDir, log: quiet })).toEqual({
      applied: [],
      skipped: 2,
      standInApplied: false,
    });

    const later = await writeMigrations({ ...twoMigrations, "20250103000000_third": "SELECT 1;" });
    expect(await migrate({ databaseUrl: url, migrationsDir: later, log: quiet })).toEqual({
      applied: ["20250103000000_third"],
      skipped: 2,
      standInApplied: false,
    });
    expect(await query(url, "SELECT count(*)::int AS steps FROM steps")).toEqual([{ steps: 1 }]);
  });

  it("creates _prisma_migrations exactly as Prisma does", async () => {
    const url = await createEmptyDatabase();
    await migrate({ databaseUrl: url, migrationsDir: await writeMigrations(twoMigrations), log: quiet });

    const columns = await query(
      url,
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
       FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    const column = (
      name: string,
      type: string,
      length: number | null,
      nullable: string,
      byDefault: string | null,
    ) => ({
      column_name: name,
      data_type: type,
      length,
      is_nullable: nullable,
      column_default: byDefault,
    });
    expect(columns).toEqual([
      column("id", "character varying", 36, "NO", null),
      column("checksum", "character varying", 64, "NO", null),
      column("finished_at", "timestamp with time zone", null, "YES", null),
      column("migration_name", "character varying", 255, "NO", null),
      column("logs", "text", null, "YES", null),
      column("rolled_back_at", "timestamp with time zone", null, "YES", null),
      column("started_at", "timestamp with time zone", null, "NO", "now()"),
      column("applied_steps_count", "integer", null, "NO", "0"),
    ]);
    expect(
      await query(
        url,
        `SELECT a.attname AS key FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
         WHERE i.indrelid = 'public._prisma_migrations'::regclass AND i.indisprimary`,
      ),
    ).toEqual([{ key: "id" }]);
  });

  it("records each applied migration the way Prisma does", async () => {
    const url = await createEmptyDatabase();
    const migrationsDir = await writeMigrations(twoMigrations);
    const before = await query<{ now: Date }>(url, "SELECT now()");
    await migrate({ databaseUrl: url, migrationsDir, log: quiet });

    const rows = await query<Record<string, unknown>>(
      url,
      "SELECT * FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows.map((row) => row.migration_name)).toEqual([FIRST, SECOND]);
    for (const row of rows) {
      const bytes = await readFile(join(migrationsDir, String(row.migration_name), "migration.sql"));
      expect(row.id).toMatch(UUID_V4);
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row).toMatchObject({ logs: null, rolled_back_at: null, applied_steps_count: 1 });
      expect(row.started_at).toBeInstanceOf(Date);
      expect((row.started_at as Date).getTime()).toBeGreaterThanOrEqual(before[0]!.now.getTime());
      expect((row.finished_at as Date).getTime()).toBeGreaterThanOrEqual((row.started_at as Date).getTime());
    }
  });

  it("warns, and applies nothing, when an applied migration was edited; line endings alone do not count", async () => {
    const url = await createEmptyDatabase();
    const migrationsDir = await writeMigrations(twoMigrations);
    await migrate({ databaseUrl: url, migrationsDir, log: quiet });

    await writeFile(
      join(migrationsDir, FIRST, "migration.sql"),
      twoMigrations[FIRST].replaceAll("\n", "\r\n"),
    );
    const crlf = logCollector();
    expect((await migrate({ databaseUrl: url, migrationsDir, log: crlf.log })).applied).toEqual([]);
    expect(crlf.lines).toEqual([]);

    await writeFile(join(migrationsDir, FIRST, "migration.sql"), "CREATE TABLE edited (id int);\n");
    const edited = logCollector();
    expect((await migrate({ databaseUrl: url, migrationsDir, log: edited.log })).applied).toEqual([]);
    expect(edited.lines).toEqual([
      expect.stringContaining(`${FIRST}/migration.sql changed after it was applied`),
    ]);
    expect(await query(url, "SELECT to_regclass('edited') IS NULL AS absent")).toEqual([{ absent: true }]);
  });

  it("defaults to the package's own prisma/migrations", async () => {
    const url = await createEmptyDatabase();
    const result = await migrate({ databaseUrl: url, log: quiet });
    const recorded = await query(url, "SELECT migration_name FROM _prisma_migrations ORDER BY 1");
    expect(recorded.map((row) => row.migration_name)).toEqual(result.applied);
    expect(result.applied.length).toBeGreaterThan(0);
  });
});
