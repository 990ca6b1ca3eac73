import { startTestDatabase, type TestDatabase } from "@org/ai-usage-db/testing";
import pg from "pg";
import { inject } from "vitest";
import { type AnthropicFixture, startAnthropicFixture } from "./anthropic-fixture.js";
import { type DenoFunction, startDenoFunction } from "./deno-function.js";
import { JWT_SECRET, SUPABASE_URL } from "./jwt.js";

export const TEST_API_KEY = "sk-ant-test-fixture-key";

export interface Harness {
  /** The function under Deno: POST here. */
  url: string;
  deno: DenoFunction;
  anthropic: AnthropicFixture;
  /** The database of this harness alone (`ownDatabase: true`), which the test may stop and start. */
  database: TestDatabase | undefined;
  /** A superuser pool on the test database, for assertions. */
  pool: pg.Pool;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** A different entry point (e.g. the Edge Runtime emulation). */
  entry?: string;
  env?: Record<string, string>;
  /** A PostgreSQL of its own instead of the run's shared one (for tests that stop the database). */
  ownDatabase?: boolean;
}

/**
 * A migrated PostgreSQL, an Anthropic fixture and the function under the real Deno binary, wired
 * the way Supabase wires it: SUPABASE_DB_URL (the owner), the JWT secret, ANTHROPIC_* secrets.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const [database, anthropic] = await Promise.all([
    options.ownDatabase ? startTestDatabase() : undefined,
    startAnthropicFixture(),
  ]);
  const databaseUrl = database?.url ?? inject("databaseUrl");
  const stops: (() => Promise<void>)[] = [() => anthropic.stop()];
  if (database) stops.push(() => database.stop());
  try {
    const deno = await startDenoFunction({
      entry: options.entry,
      env: {
        SUPABASE_DB_URL: databaseUrl,
        SUPABASE_JWT_SECRET: JWT_SECRET,
        // Tokens must then carry iss = <SUPABASE_URL>/auth/v1, as on a hosted project.
        SUPABASE_URL: SUPABASE_URL,
        ANTHROPIC_API_KEY: TEST_API_KEY,
        ANTHROPIC_BASE_URL: anthropic.url,
        // The fixture's failures are deliberate: retrying them only slows the tests down.
        ANTHROPIC_MAX_RETRIES: "0",
        ...options.env,
      },
    });
    stops.unshift(() => deno.stop());
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    // A test that stops its database kills this pool's idle connections (57P01); without a listener
    // node-postgres would raise that as an unhandled error and fail the run, depending on timing.
    pool.on("error", () => undefined);
    stops.unshift(() => pool.end());
    return {
      url: deno.url,
      deno,
      anthropic,
      database,
      pool,
      stop: async () => {
        for (const stop of stops) await stop();
      },
    };
  } catch (error) {
    for (const stop of stops) await stop();
    throw error;
  }
}
