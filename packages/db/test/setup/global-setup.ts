import type { TestProject } from "vitest/node";
import {
  GIVEN_TEST_DATABASE_ENV,
  openGivenTestDatabase,
  type PostgresMajor,
  startTestDatabase,
} from "../../src/testing.js";
import { assertFakedClock } from "./faked-clock.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of this run's migrated database; tests make their own user ids in it. */
    databaseUrl: string;
    postgresMajor: PostgresMajor;
  }
}

/**
 * Starts one throwaway PostgreSQL (PG_MAJOR, default 17) with every migration applied, for the whole
 * run; or, with AI_USAGE_TEST_DATABASE_URL, uses that already-migrated database (.ci/supabase-push:
 * migrated by `supabase db push`, not by our runner).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env[GIVEN_TEST_DATABASE_ENV]?.trim();
  const database = given ? await openGivenTestDatabase(given) : await startTestDatabase();
  try {
    await assertFakedClock(database.url);
  } catch (error) {
    await database.stop();
    throw error;
  }
  project.provide("databaseUrl", database.url);
  project.provide("postgresMajor", database.major);
  return () => database.stop();
}
