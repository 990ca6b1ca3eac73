import { randomUUID } from "node:crypto";
import { startTestDatabase, type TestDatabase } from "@org/ai-usage-db/testing";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";

export interface DatabaseHandle {
  readonly server: TestDatabase;
  /** A superuser pool (the table owner: "the server"); give new pools an error listener. */
  readonly pool: pg.Pool;
  /** A fresh pool on the same server, for tests that want their own connections. */
  newPool(options?: pg.PoolConfig): pg.Pool;
}

/** Starts a migrated, throwaway PostgreSQL for the test file and stops it afterwards. */
export function useTestDatabase(): DatabaseHandle {
  let server: TestDatabase | undefined;
  const pools: pg.Pool[] = [];
  const newPool = (options: pg.PoolConfig = {}) => {
    const pool = new pg.Pool({ connectionString: server!.url, ...options });
    // node-postgres emits `error` when an idle connection drops (a restart); unhandled, it would crash.
    pool.on("error", () => undefined);
    pools.push(pool);
    return pool;
  };
  let mainPool: pg.Pool | undefined;
  beforeAll(async () => {
    server = await startTestDatabase();
    mainPool = newPool();
  });
  afterAll(async () => {
    await Promise.allSettled(pools.map((pool) => pool.end()));
    await server?.stop();
  });
  return {
    get server() {
      return server!;
    },
    get pool() {
      return mainPool!;
    },
    newPool,
  };
}

export const newUserId = (): string => randomUUID();

export interface LogRow {
  request_id: string;
  user_id: string;
  provider: string;
  model_used: string;
  input_tokens: number;
  output_tokens: number;
  cache_write_5m_tokens: number;
  cache_write_1h_tokens: number;
  cache_read_tokens: number;
  latency_ms: number | null;
  status: string;
  error_message: string | null;
  request_type: string;
  customer_id: number | null;
  session_id: string | null;
  user_email: string | null;
  total_cost_usd: string | null;
}

/** The stored rows of one user, oldest first (costs as exact decimal strings). */
export async function rowsOf(pool: pg.Pool, userId: string): Promise<LogRow[]> {
  const { rows } = await pool.query<LogRow>(
    `select request_id, user_id, provider, model_used, input_tokens, output_tokens, cache_write_5m_tokens,
            cache_write_1h_tokens, cache_read_tokens, latency_ms, status, error_message, request_type,
            customer_id, session_id, user_email, total_cost_usd::text as total_cost_usd
     from public.ai_usage_log where user_id = $1 order by created_at, request_id`,
    [userId],
  );
  return rows;
}

/** Signed claims as Supabase puts them in a user's JWT. */
export function userClaims(userId: string, admin = false): Record<string, unknown> {
  return {
    sub: userId,
    role: "authenticated",
    aud: "authenticated",
    app_metadata: admin ? { role: "admin" } : {},
    user_metadata: {},
  };
}
