import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { startTestDatabase } from "@org/ai-usage-db/testing";
import type { TestProject } from "vitest/node";
import { denoEnvironment } from "./deno-function.js";
import { APP_DIR, DENO_CONFIG, denoBinary, EDGE_RUNTIME_ENTRY } from "./paths.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of this run's migrated database; each test uses user ids of its own. */
    databaseUrl: string;
  }
}

/**
 * Once per run: vendor the built SDK into supabase/functions/_shared (exactly what `pnpm bundle`
 * does before a deploy), let Deno fetch and cache the function's npm packages (the first run on a
 * machine downloads them from the registry; later runs find them in DENO_DIR), and start one
 * migrated PostgreSQL shared by the test files.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  execFileSync(process.execPath, [join(APP_DIR, "scripts/bundle-sdk.mjs")], { stdio: "inherit" });
  execFileSync(denoBinary(), ["cache", "--config", DENO_CONFIG, "--frozen", EDGE_RUNTIME_ENTRY], {
    env: denoEnvironment({}),
    stdio: "inherit",
    timeout: 600_000,
  });
  const database = await startTestDatabase();
  project.provide("databaseUrl", database.url);
  return () => database.stop();
}
