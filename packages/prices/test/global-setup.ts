import { startTestDatabase } from "@org/ai-usage-db/testing";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of the migrated throwaway server; tests make their own databases on it. */
    serverUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await startTestDatabase();
  project.provide("serverUrl", database.url);
  return () => database.stop();
}
