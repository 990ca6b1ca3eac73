import { startTestDatabase, type TestDatabase } from "@org/ai-usage-db/testing";
import pg from "pg";
import { type AnthropicFixture, startAnthropicFixture } from "./anthropic-fixture.js";
import { type DenoFunction, startDenoFunction } from "./deno-function.js";
import { JWT_SECRET } from "./jwt.js";

export const TEST_API_KEY = "sk-ant-test-fixture-key";

export interface Harness {
  /** The function under Deno: POST here. */
  url: string;
  deno: DenoFunction;
  anthropic: AnthropicFixture;
  database: TestDatabase;
  /** A superuser pool on the test database, for assertions. */
  pool: pg.Pool;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** A different entry point (e.g. the Edge Runtime emulation). */
  entry?: string;
  env?: Record<string, string>;
}

/**
 * A migrated PostgreSQL, an Anthropic fixture and the function under the real Deno binary, wired
 * the way Supabase wires it: SUPABASE_DB_URL (the owner), the JWT secret, ANTHROPIC_* secrets.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const [database, anthropic] = await Promise.all([startTestDatabase(), startAnthropicFixture()]);
  const stops: (() => Promise<void>)[] = [() => database.stop(), () => anthropic.stop()];
  try {
    const deno = await startDenoFunction({
      entry: options.entry,
      env: {
        SUPABASE_DB_URL: database.url,
        SUPABASE_JWT_SECRET: JWT_SECRET,
        ANTHROPIC_API_KEY: TEST_API_KEY,
        ANTHROPIC_BASE_URL: anthropic.url,
        // The fixture's failures are deliberate: retrying them only slows the tests down.
        ANTHROPIC_MAX_RETRIES: "0",
        ...options.env,
      },
    });
    stops.unshift(() => deno.stop());
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
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
