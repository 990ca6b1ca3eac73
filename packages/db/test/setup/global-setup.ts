import type { TestProject } from "vitest/node";
import { type PostgresMajor, startTestDatabase } from "../../src/testing.js";
import { assertFakedClock } from "./faked-clock.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of this run's migrated database; tests make their own user ids in it. */
    databaseUrl: string;
    postgresMajor: PostgresMajor;
  }
}

/** Starts one throwaway PostgreSQL (PG_MAJOR, default 17) with every migration applied, for the whole run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = await startTestDatabase();
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
