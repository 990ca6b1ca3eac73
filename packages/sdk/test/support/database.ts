import { randomUUID } from "node:crypto";
import { createDatabase, startTestDatabase, type TestDatabase } from "@org/ai-usage-db/testing";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";

export interface DatabaseHandle {
  /** Superuser URL of this file's own migrated database. */
  readonly url: string;
  /** The server itself, only with `ownServer` (to stop and start it). */
  readonly server: TestDatabase;
  /** A superuser pool (the table owner: "the server" in the security model). */
  readonly pool: pg.Pool;
  /** A fresh pool on the same database, for tests that want their own connections. */
  newPool(options?: pg.PoolConfig): pg.Pool;
}

/**
 * A migrated database of the test file's own, so files never see each other's rows or settings:
 * a fresh database on the run's shared server, or with `ownServer` a server of its own (for tests
 * that stop it).
 */
export function useTestDatabase(options: { ownServer?: boolean } = {}): DatabaseHandle {
  let server: TestDatabase | undefined;
  let url: string | undefined;
  const pools: pg.Pool[] = [];
  const newPool = (config: pg.PoolConfig = {}) => {
    const pool = new pg.Pool({ connectionString: url, ...config });
    // node-postgres emits `error` when an idle connection drops (a restart); unhandled, it would crash.
    pool.on("error", () => undefined);
    pools.push(pool);
    return pool;
  };
  let mainPool: pg.Pool | undefined;
  beforeAll(async () => {
    if (options.ownServer) {
      server = await startTestDatabase();
      url = server.url;
    } else {
      url = await createDatabase(inject("databaseUrl"), `sdk_${randomUUID().replaceAll("-", "")}`);
    }
    mainPool = newPool();
  });
  afterAll(async () => {
    await Promise.allSettled(pools.map((pool) => pool.end()));
    await server?.stop();
  });
  return {
    get url() {
      return url!;
    },
    get server() {
      if (!server) throw new Error("useTestDatabase({ ownServer: true }) is needed to control the server");
      return server;
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

/**
 * Today's date in `timeZone` by the database's clock: what the reports call "today". Tests that
 * read "today" after recording compare it before and after, since midnight may pass in between.
 */
export async function reportingDay(pool: pg.Pool, timeZone: string): Promise<string> {
  const { rows } = await pool.query<{ day: string }>("select (now() at time zone $1)::date::text as day", [
    timeZone,
  ]);
  return rows[0]!.day;
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
