import type { BudgetReconcile } from "./budget-answers.js";
import { type Queryable, reconcileBudgets } from "./budget-sql.js";

export interface SettledAgainstLimit {
  readonly name: string;
  readonly mode: "hard" | "soft";
  readonly limitUsd: number;
  /** The most any one month of the run settled in the budget's scope, summed from the raw log. */
  readonly settledUsd: number;
  /** Decided by the database, in numeric: settled <= limit. */
  readonly withinLimit: boolean;
}

export interface ProofVerification {
  readonly budgets: readonly SettledAgainstLimit[];
  /** Logged rows whose real cost is above their hold: the premise of the proof broken. */
  readonly rowsOverTheirHold: number;
  /** Logged rows carrying a hold id whose hold is not marked settled. */
  readonly rowsWithUnsettledHold: number;
  /** Holds still open after every caller finished (each was settled or released). */
  readonly openHoldsLeft: number;
  readonly reconcile: BudgetReconcile;
}

/**
 * What a run left behind, read from the raw log rather than from the budget functions under test:
 * each budget's settled spend by calendar month of the reporting zone (a run that crosses midnight
 * at a month's end has two periods, each bounded on its own), holds against the real costs, and
 * reconcile_ai_usage_budgets(), which proves the summaries equal the log and the holds.
 */
export async function verifyProofRun(db: Queryable): Promise<ProofVerification> {
  const budgets = await db.query<{
    name: string;
    mode: "hard" | "soft";
    limit_usd: string;
    settled_usd: string;
    within_limit: boolean;
  }>(
    `WITH zone AS (SELECT ai_usage_private.ai_usage_reporting_time_zone() AS name),
     settled AS (
       SELECT b.id, coalesce(max(m.spent), 0) AS settled_usd
       FROM public.ai_usage_budgets b
       LEFT JOIN LATERAL (
         SELECT sum(l.total_cost_usd) AS spent
         FROM public.ai_usage_log l, zone
         WHERE (b.user_id IS NULL OR l.user_id = b.user_id)
           AND (b.customer_id IS NULL OR l.customer_id = b.customer_id)
         GROUP BY date_trunc('month', l.created_at AT TIME ZONE zone.name)
       ) m ON true
       WHERE b.effective_to IS NULL
       GROUP BY b.id)
     SELECT b.name, b.mode, b.limit_usd::text, s.settled_usd::text, s.settled_usd <= b.limit_usd AS within_limit
     FROM public.ai_usage_budgets b JOIN settled s ON s.id = b.id ORDER BY b.id`,
  );
  const holds = await db.query<{ over: number; unsettled: number; open: number }>(
    `SELECT
       (SELECT count(*)::int FROM public.ai_usage_log l JOIN public.ai_usage_budget_holds h ON h.id = l.budget_hold_id
        WHERE l.total_cost_usd > h.amount_usd) AS over,
       (SELECT count(*)::int FROM public.ai_usage_log l JOIN public.ai_usage_budget_holds h ON h.id = l.budget_hold_id
        WHERE h.settled_at IS NULL) AS unsettled,
       (SELECT count(*)::int FROM public.ai_usage_budget_holds
        WHERE settled_at IS NULL AND released_at IS NULL AND expires_at > now()) AS open`,
  );
  const counts = holds.rows[0]!;
  return {
    budgets: budgets.rows.map((row) => ({
      name: row.name,
      mode: row.mode,
      limitUsd: Number(row.limit_usd),
      settledUsd: Number(row.settled_usd),
      withinLimit: row.within_limit,
    })),
    rowsOverTheirHold: counts.over,
    rowsWithUnsettledHold: counts.unsettled,
    openHoldsLeft: counts.open,
    reconcile: await reconcileBudgets(db),
  };
}
