import { describe, expect, it } from "vitest";
import { MigrationError, migrate, resolveRolledBack } from "../../src/index.js";
import {
  openToApiRoles,
  shippedMigrations,
  visibleObjects,
  waitForAdvisoryWaiter,
} from "./deploy-observation.js";
import { createEmptyDatabase, query, withClient, writeMigrations } from "./support.js";

// On Supabase (reproduced by the stand-in) every new table and function in public is granted to anon
// and authenticated, and the revokes come in a later migration than the creates. If each migration
// committed on its own, ai_usage_settings would be writable by anon between the first migration and
// the last, and stay so if a later one failed. The whole deploy is one transaction instead.

const quiet = () => undefined;
/** Any key the migrations themselves never take. */
const HOLD_KEY = 515_0013;
/** Sorts right after the core migration, which creates ai_usage_settings. */
const HOLD = "20261127000150_test_hold";

describe("an atomic deploy of the shipped migrations", () => {
  it("shows no other session anything until it commits, and then nothing is open", async () => {
    const url = await createEmptyDatabase();
    const shipped = await shippedMigrations();
    const migrationsDir = await writeMigrations({
      ...shipped,
      // The deploy waits here, right after the core migration, until the test lets it go on.
      [HOLD]: `SELECT pg_advisory_xact_lock(${HOLD_KEY});`,
    });

    await withClient(url, async (observer) => {
      await observer.query("SELECT pg_advisory_lock($1)", [HOLD_KEY]);
      const deploy = migrate({ databaseUrl: url, migrationsDir, log: quiet }).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
      const migrator = await waitForAdvisoryWaiter(observer, HOLD_KEY);

      // No other session sees anything of the deploy, nor any migration as applied...
      expect(await visibleObjects(observer)).toEqual([]);
      expect((await observer.query("SELECT migration_name FROM public._prisma_migrations")).rows).toEqual([]);
      // ...so the hole itself, anon switching self-logging on, finds nothing to switch.
      await observer.query("BEGIN");
      await observer.query("SET LOCAL ROLE anon");
      await expect(
        observer.query("UPDATE public.ai_usage_settings SET allow_user_self_logging = true"),
      ).rejects.toMatchObject({ code: "42P01" });
      await observer.query("ROLLBACK");
      // ...although the deploy has created the core tables: its transaction holds their creation locks.
      const { rows: created } = await observer.query<{ relations: number }>(
        `SELECT count(*)::int AS relations FROM pg_catalog.pg_locks
         WHERE pid = $1 AND locktype = 'relation' AND mode = 'AccessExclusiveLock'`,
        [migrator],
      );
      expect(created[0]!.relations).toBeGreaterThan(0);

      await observer.query("SELECT pg_advisory_unlock($1)", [HOLD_KEY]);
      const outcome = await deploy;
      expect(outcome).toEqual({
        result: { applied: Object.keys({ ...shipped, [HOLD]: "" }).sort(), skipped: 0, standInApplied: true },
      });

      expect(await visibleObjects(observer)).toContain("relation public.ai_usage_settings");
      expect(await openToApiRoles(observer)).toEqual([]);
    });
  });

  it("never shows an observer polling throughout the deploy anything but nothing, or the closed result", async () => {
    const url = await createEmptyDatabase();
    await withClient(url, async (observer) => {
      let deploying = true;
      const deploy = migrate({ databaseUrl: url, log: quiet })
        .then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        )
        .finally(() => {
          deploying = false;
        });
      const samples: { visible: string[]; open: string[]; uncommittedWork: boolean }[] = [];
      while (deploying) {
        // The deploy's session holds the creation lock of every relation it made and has not committed.
        const { rows } = await observer.query<{ uncommitted_work: boolean }>(
          `SELECT EXISTS (
             SELECT FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
             WHERE a.application_name = 'ai-usage-db migrate' AND a.datname = current_database()
               AND l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock'
           ) AS uncommitted_work`,
        );
        samples.push({
          uncommittedWork: rows[0]!.uncommitted_work,
          visible: await visibleObjects(observer),
          open: await openToApiRoles(observer),
        });
      }
      expect(await deploy).toMatchObject({ result: { standInApplied: true } });
      const final = await visibleObjects(observer);

      expect(samples.filter((sample) => sample.open.length > 0)).toEqual([]);
      expect(
        samples.filter((sample) => sample.visible.length > 0 && sample.visible.join() !== final.join()),
      ).toEqual([]);
      // The observer did look while the deploy was half-way (objects made, not committed).
      expect(
        samples.filter((sample) => sample.uncommittedWork && sample.visible.length === 0).length,
      ).toBeGreaterThan(0);
    });
  });

  it("leaves nothing, not even a row to resolve, when the migrator dies half-way", async () => {
    const url = await createEmptyDatabase();
    const shipped = await shippedMigrations();
    const migrationsDir = await writeMigrations({
      ...shipped,
      [HOLD]: `SELECT pg_advisory_xact_lock(${HOLD_KEY});`,
    });

    await withClient(url, async (observer) => {
      await observer.query("SELECT pg_advisory_lock($1)", [HOLD_KEY]);
      const deploy = migrate({ databaseUrl: url, migrationsDir, log: quiet }).catch((e: unknown) => e);
      const migrator = await waitForAdvisoryWaiter(observer, HOLD_KEY);
      await observer.query("SELECT pg_terminate_backend($1)", [migrator]);
      const error = await deploy;
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toContain("The failure could not be recorded in _prisma_migrations");
      await observer.query("SELECT pg_advisory_unlock($1)", [HOLD_KEY]);

      expect(await visibleObjects(observer)).toEqual([]);
      expect((await observer.query("SELECT migration_name FROM public._prisma_migrations")).rows).toEqual([]);
    });
    const result = await migrate({ databaseUrl: url, log: quiet });
    expect(result.applied).toEqual(Object.keys(shipped).sort());
  });

  it("rolls back every pending migration when a later one fails, and applies them all once fixed", async () => {
    const url = await createEmptyDatabase();
    const shipped = await shippedMigrations();
    const broken = "20991231000000_broken";
    const migrationsDir = await writeMigrations({
      ...shipped,
      [broken]: "UPDATE ai_usage_settings SET no_such_column = true;",
    });

    const error = await migrate({ databaseUrl: url, migrationsDir, log: quiet }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({
      code: "P3018",
      context: { migration: broken, sqlState: "42703", rolledBack: [...Object.keys(shipped).sort(), broken] },
    });
    expect((error as Error).message).toContain(
      `none of the ${Object.keys(shipped).length + 1} migrations it was applying is in the database`,
    );
    expect(await withClient(url, visibleObjects)).toEqual([]);
    // Only the failure is recorded (as Prisma records one), so later runs stop until it is resolved.
    expect(
      await query(
        url,
        "SELECT migration_name, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY started_at",
      ),
    ).toEqual([{ migration_name: broken, finished_at: null, applied_steps_count: 0 }]);

    await expect(migrate({ databaseUrl: url, migrationsDir, log: quiet })).rejects.toMatchObject({
      code: "P3009",
    });
    const fixed = await writeMigrations({ ...shipped, [broken]: "SELECT 1;" });
    await resolveRolledBack({ databaseUrl: url, migrationName: broken, migrationsDir: fixed, log: quiet });
    const result = await migrate({ databaseUrl: url, migrationsDir: fixed, log: quiet });
    expect(result.applied).toEqual([...Object.keys(shipped).sort(), broken]);
    expect(await withClient(url, openToApiRoles)).toEqual([]);
  });
});
