import { startTestDatabase } from "@org/ai-usage-db/testing";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of this run's migrated PostgreSQL; each test file makes its own database on it. */
    databaseUrl: string;
  }
}

/**
 * One throwaway PostgreSQL (major from PG_MAJOR, default 17) for the database project: starting a
 * server costs seconds, a fresh migrated database on it about one. Tests that stop the server
 * (the outage test) start their own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = await startTestDatabase();
  project.provide("databaseUrl", database.url);
  return () => database.stop();
}
