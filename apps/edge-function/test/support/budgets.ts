import type pg from "pg";

/** A hard monthly budget of `limitUsd` on one user, set as the server would (set_ai_usage_budget). */
export async function setUserBudget(pool: pg.Pool, userId: string, limitUsd: number): Promise<void> {
  await pool.query(
    "select set_ai_usage_budget(p_scope => 'user', p_user_id => $1::uuid, p_limit_usd => $2::numeric, p_name => 'test cap')",
    [userId, limitUsd],
  );
}

export interface HoldRow {
  id: string;
  amount_usd: string;
  settled: boolean;
  settled_request_id: string | null;
  released: boolean;
}

/** The user's holds, oldest first. */
export async function holdsOf(pool: pg.Pool, userId: string): Promise<HoldRow[]> {
  const { rows } = await pool.query<HoldRow>(
    `select id, amount_usd::text, settled_at is not null as settled, settled_request_id,
            released_at is not null as released
       from ai_usage_budget_holds where user_id = $1 order by created_at, id`,
    [userId],
  );
  return rows;
}

/** Each of the user's usage rows: its request id, status and the hold it settled. */
export async function rowHolds(
  pool: pg.Pool,
  userId: string,
): Promise<{ request_id: string; status: string; budget_hold_id: string | null }[]> {
  const { rows } = await pool.query(
    "select request_id, status, budget_hold_id from ai_usage_log where user_id = $1 order by created_at, request_id",
    [userId],
  );
  return rows;
}

/** The user's budget as the database reports it now (spent and held, as numbers). */
export async function userBudgetStatus(
  pool: pg.Pool,
  userId: string,
): Promise<{ limit_usd: number; spent_usd: number; held_usd: number }> {
  const { rows } = await pool.query<{
    status: Array<{ limit_usd: number; spent_usd: number; held_usd: number }>;
  }>("select get_ai_usage_budget_status(p_user_id => $1::uuid) as status", [userId]);
  return rows[0]!.status[0]!;
}
