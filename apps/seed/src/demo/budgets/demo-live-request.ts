import type pg from "pg";
import { requestTokensFor } from "./demo-budget-limits.js";

/** Who a demo request is made by, and for which customer. */
export interface DemoCaller {
  readonly userId: string;
  readonly userEmail: string | null;
  readonly customerId: number | null;
  readonly customerName: string | null;
}

export type DemoRequestOutcome = { admitted: true } | { admitted: false; refusal: unknown };

const model = "claude-sonnet-4-20250514";

/**
 * One request as an app with budgets makes it: reserve_ai_usage first (the database prices the
 * bound from the model and maximum tokens), then, admitted, the usage logged with the hold's id,
 * which settles the hold and checks every budget's thresholds in the same transaction (the
 * alerts the report shows come from here). created_at is the database's now().
 */
export async function makeDemoRequest(
  pool: pg.Pool,
  caller: DemoCaller,
  costUsd: number,
  requestId: string,
): Promise<DemoRequestOutcome> {
  const tokens = requestTokensFor(costUsd);
  const reserved = await pool.query<{ answer: { admitted: boolean; hold_id: string | null } }>(
    `select reserve_ai_usage(p_user_id => $1::uuid, p_customer_id => $2::integer, p_model_used => $3,
       p_provider => 'anthropic', p_max_input_tokens => $4::bigint, p_max_output_tokens => $5::bigint) as answer`,
    [caller.userId, caller.customerId, model, tokens.inputTokens, tokens.outputTokens],
  );
  const answer = reserved.rows[0]!.answer;
  if (!answer.admitted) return { admitted: false, refusal: answer };
  await pool.query(
    `select log_ai_usage(p_user_id => $1::uuid, p_user_email => $2, p_customer_id => $3::integer,
       p_customer_name => $4, p_request_type => 'chat', p_model_used => $5, p_provider => 'anthropic',
       p_input_tokens => $6::integer, p_output_tokens => $7::integer, p_request_id => $8,
       p_budget_hold_id => $9::uuid)`,
    [
      caller.userId,
      caller.userEmail,
      caller.customerId,
      caller.customerName,
      model,
      tokens.inputTokens,
      tokens.outputTokens,
      requestId,
      answer.hold_id,
    ],
  );
  return { admitted: true };
}
