import type { SeedEvent } from "@org/ai-usage-data";
import type pg from "pg";
import { benchEvents, type DatasetSpec } from "../dataset/bench-events.js";
import { type LatencyStats, summarize, timeCalls } from "./stats.js";

/**
 * log_ai_usage with named arguments, as the SDK and the spec's callers use it. No p_created_at:
 * the database stamps now(), as for live traffic.
 */
const logSql = `SELECT public.log_ai_usage(
  p_user_id => $1::uuid, p_user_email => $2, p_customer_id => $3::integer, p_customer_name => $4,
  p_request_type => $5, p_session_id => $6, p_input_tokens => $7::integer, p_output_tokens => $8::integer,
  p_model_used => $9, p_latency_ms => $10::integer, p_tool_turns => $11::integer, p_status => $12,
  p_error_message => $13, p_request_id => $14, p_provider => $15, p_cache_write_5m_tokens => $16::integer,
  p_cache_write_1h_tokens => $17::integer, p_cache_read_tokens => $18::integer) AS id`;

const warmupCalls = 20;

/** `count` sequential log_ai_usage calls (after a warm-up) on one connection; new request ids each run. */
export async function timeSingleIngest(
  pool: pg.Pool,
  spec: DatasetSpec,
  requestIdPrefix: string,
  count: number,
  end: Date,
): Promise<LatencyStats> {
  // The dataset's users: other users would add rows to today's summaries on every run. Arguments
  // are made up front, so only the database round trips are timed.
  const events = benchEvents({ ...spec, events: count + warmupCalls }, end, {
    requestIdPrefix,
    streamSeed: spec.seed + 2,
  });
  const calls = Array.from(events, toArguments);
  const client = await pool.connect();
  try {
    for (let warm = 0; warm < warmupCalls; warm++) await client.query(logSql, calls[warm]);
    return summarize(
      await timeCalls(count, (iteration) => client.query(logSql, calls[warmupCalls + iteration])),
    );
  } finally {
    client.release();
  }
}

/** No p_created_at: the database stamps now(), as for live traffic. */
function toArguments(e: SeedEvent): unknown[] {
  return [
    e.user_id,
    e.user_email,
    e.customer_id ?? null,
    e.customer_name ?? null,
    e.request_type,
    e.session_id ?? null,
    e.input_tokens,
    e.output_tokens,
    e.model_used,
    e.latency_ms,
    e.tool_turns,
    e.status,
    e.error_message ?? null,
    e.request_id,
    e.provider,
    e.cache_write_5m_tokens,
    e.cache_write_1h_tokens,
    e.cache_read_tokens,
  ];
}
