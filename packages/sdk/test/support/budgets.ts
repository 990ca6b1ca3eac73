import type pg from "pg";

export interface HoldRow {
  id: string;
  user_id: string;
  customer_id: number | null;
  amount_usd: string;
  model_used: string | null;
  settled_at: Date | null;
  settled_request_id: string | null;
  released_at: Date | null;
  open: boolean;
}

/** A user's holds, oldest first (amounts as exact decimal strings). */
export async function holdsOf(pool: pg.Pool, userId: string): Promise<HoldRow[]> {
  const { rows } = await pool.query<HoldRow>(
    `select id, user_id, customer_id, amount_usd::text as amount_usd, model_used, settled_at,
            settled_request_id, released_at,
            (settled_at is null and released_at is null and expires_at > now()) as open
     from public.ai_usage_budget_holds where user_id = $1 order by created_at, id`,
    [userId],
  );
  return rows;
}

/** The hold id each of a user's log rows carries, by request id. */
export async function loggedHoldIds(pool: pg.Pool, userId: string): Promise<Record<string, string | null>> {
  const { rows } = await pool.query<{ request_id: string; budget_hold_id: string | null }>(
    "select request_id, budget_hold_id from public.ai_usage_log where user_id = $1 order by created_at, request_id",
    [userId],
  );
  return Object.fromEntries(rows.map((row) => [row.request_id, row.budget_hold_id]));
}

/** A pool on a port where nothing listens: every call fails to connect (ECONNREFUSED). */
export function unreachablePool(PoolClass: typeof pg.Pool): pg.Pool {
  const pool = new PoolClass({
    connectionString: "postgresql://postgres:postgres@127.0.0.1:1/postgres",
    connectionTimeoutMillis: 2000,
  });
  pool.on("error", () => undefined);
  return pool;
}
