import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readMigrationFiles } from "@org/ai-usage-db/migrator";
import { describe, expect, test } from "vitest";
import { createEmptyDatabase, query } from "./support/databases.js";
import { runCli } from "./support/run-cli.js";

const shippedDir = fileURLToPath(new URL("../migrations/", import.meta.url));
const sourceDir = fileURLToPath(
  new URL("../node_modules/@org/ai-usage-db/prisma/migrations/", import.meta.url),
);

test("the package ships the db package's migrations byte for byte", async () => {
  const [shipped, source] = await Promise.all([
    readMigrationFiles(shippedDir),
    readMigrationFiles(sourceDir),
  ]);
  expect(shipped.length).toBeGreaterThanOrEqual(9);
  expect(shipped.map(({ name, checksum }) => ({ name, checksum }))).toEqual(
    source.map(({ name, checksum }) => ({ name, checksum })),
  );
});

describe("migrate and status on a fresh database", () => {
  test("status lists every migration pending and exits 1; migrate applies them; status then exits 0", async () => {
    const url = await createEmptyDatabase();
    const names = (await readMigrationFiles(shippedDir)).map((file) => file.name);

    const before = await runCli(["status", "--database-url", url]);
    expect(before.code).toBe(1);
    for (const name of names) expect(before.stdout).toContain(`pending   ${name}`);
    expect(before.stdout).toContain(`0 of ${names.length} applied, ${names.length} pending, 0 failed.`);
    expect(before.stderr.trim()).toBe("ai-usage: migrations are pending: run npx ai-usage migrate");

    const migrated = await runCli(["migrate"], { env: { DATABASE_URL: url } });
    expect(migrated.stderr).toBe("");
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain("Applied the Supabase stand-in first");
    expect(migrated.stdout).toContain(`Applied ${names.length} migrations: ${names.join(", ")}`);
    // The password is masked.
    expect(migrated.stdout).toContain("Database: postgresql://postgres:****@127.0.0.1:");

    const after = await runCli(["status", "--database-url", url]);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain(`${names.length} of ${names.length} applied, 0 pending, 0 failed.`);

    const again = await runCli(["migrate", "--database-url", url]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Database is up to date (${names.length} migrations)`);
  });

  test("keeps Prisma's bookkeeping: one finished row per migration, with the SHA-256 of its migration.sql", async () => {
    const url = await createEmptyDatabase();
    expect((await runCli(["migrate", "--database-url", url])).code).toBe(0);
    const rows = await query<{ migration_name: string; checksum: string; steps: number; finished: boolean }>(
      url,
      `SELECT migration_name, checksum, applied_steps_count AS steps, finished_at IS NOT NULL AS finished
       FROM _prisma_migrations ORDER BY migration_name`,
    );
    const files = await readMigrationFiles(shippedDir);
    const expected = await Promise.all(
      files.map(async (file) => ({
        migration_name: file.name,
        checksum: createHash("sha256")
          .update(await readFile(join(shippedDir, file.name, "migration.sql")))
          .digest("hex"),
        steps: 1,
        finished: true,
      })),
    );
    expect(rows).toEqual(expected);
  });

  test("a failed migration: status and migrate exit 1 naming it; --resolve-rolled-back unblocks it", async () => {
    const url = await createEmptyDatabase();
    expect((await runCli(["migrate", "--database-url", url])).code).toBe(0);
    const [last] = await query<{ migration_name: string; checksum: string }>(
      url,
      "SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1",
    );
    const name = last!.migration_name;
    // How Prisma (and our migrator) leave a migration that failed: started, not finished, its error logged.
    await query(url, "DELETE FROM _prisma_migrations WHERE migration_name = $1", [name]);
    await query(
      url,
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES (gen_random_uuid()::text, $2, $1, 'boom')",
      [name, last!.checksum],
    );

    const status = await runCli(["status", "--database-url", url]);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain(`FAILED    ${name}`);
    expect(status.stderr).toContain(`npx ai-usage migrate --resolve-rolled-back ${name}`);

    const blocked = await runCli(["migrate", "--database-url", url]);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain("P3009");
    expect(blocked.stderr).toContain(`With this CLI: npx ai-usage migrate --resolve-rolled-back ${name}`);
    expect(blocked.stderr).not.toMatch(/\n\s+at /);

    const resolved = await runCli(["migrate", "--database-url", url, "--resolve-rolled-back", name]);
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain(`Marked ${name} as rolled back`);
    const pending = await runCli(["status", "--database-url", url]);
    expect(pending.code).toBe(1);
    expect(pending.stdout).toContain(`pending   ${name}`);
  });

  test("a migration applied by a newer version is listed as unknown, and does not fail status", async () => {
    const url = await createEmptyDatabase();
    expect((await runCli(["migrate", "--database-url", url])).code).toBe(0);
    await query(
      url,
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count)
       VALUES (gen_random_uuid()::text, repeat('0', 64), '29990101000000_from_the_future', now(), 1)`,
    );
    const status = await runCli(["status", "--database-url", url]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(
      "unknown   29990101000000_from_the_future (applied, but not shipped with this version)",
    );
  });
});
