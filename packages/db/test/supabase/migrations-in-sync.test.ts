import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { defaultMigrationsDir, repoRoot } from "../../src/package-paths.js";
import { compareSupabaseMigrations, isInSync } from "../../src/supabase/supabase-migrations.js";

// supabase/migrations is what `supabase db push` applies: it must be exactly the Prisma migrations.

test("supabase/migrations holds a byte-identical copy of every Prisma migration, and nothing else", async () => {
  const comparison = await compareSupabaseMigrations(
    defaultMigrationsDir(),
    join(repoRoot(), "supabase", "migrations"),
  );
  const problems = [
    ...comparison.missing.map((name) => `missing   ${name}`),
    ...comparison.different.map((name) => `different ${name}`),
    ...comparison.extra.map((name) => `extra     ${name}`),
  ];
  expect(
    problems,
    `supabase/migrations is out of date with packages/db/prisma/migrations: run \`pnpm supabase:sync\`\n${problems.join("\n")}`,
  ).toEqual([]);
  expect(comparison.identical.length).toBeGreaterThan(0);
});

describe("the comparison", () => {
  let copy: string;
  beforeAll(async () => {
    copy = await mkdtemp(join(tmpdir(), "supabase-migrations-"));
    await cp(join(repoRoot(), "supabase", "migrations"), copy, { recursive: true });
  });
  afterAll(() => rm(copy, { recursive: true, force: true }));

  test("reports a changed byte, a missing copy and an extra file", async () => {
    const before = await compareSupabaseMigrations(defaultMigrationsDir(), copy);
    expect(isInSync(before)).toBe(true);
    const [first, second] = before.identical;
    await writeFile(join(copy, first!), "-- edited by hand\n", { flag: "a" });
    await rm(join(copy, second!));
    await writeFile(join(copy, "20990101000000_not_a_prisma_migration.sql"), "select 1;\n");

    const after = await compareSupabaseMigrations(defaultMigrationsDir(), copy);
    expect(after).toMatchObject({
      different: [first],
      missing: [second],
      extra: ["20990101000000_not_a_prisma_migration.sql"],
    });
    expect(isInSync(after)).toBe(false);
  });
});
