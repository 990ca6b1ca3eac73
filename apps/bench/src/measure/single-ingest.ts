import type pg from "pg";
import type { DatasetSpec } from "../generate/dataset-spec.js";
import { EventGenerator } from "../generate/event-generator.js";
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

interface Event {
  user_id: string;
  user_email: string;
  customer_id?: number;
  customer_name?: string;
  request_type: string;
  session_id: string;
  input_tokens: number;
  output_tokens: number;
  model_used: string;
  latency_ms: number;
  tool_turns: number;
  status: string;
  error_message?: string;
  request_id: string;
  provider: string;
  cache_write_5m_tokens: number;
  cache_write_1h_tokens: number;
  cache_read_tokens: number;
}

/** `count` sequential log_ai_usage calls (after a warm-up) on one connection; new request ids each run. */
export async function timeSingleIngest(
  pool: pg.Pool,
  spec: DatasetSpec,
  requestIdPrefix: string,
  count: number,
): Promise<LatencyStats> {
  // The dataset's users: other users would add rows to today's summaries on every run.
  const generator = new EventGenerator({ ...spec, events: count + warmupCalls }, Date.now(), {
    requestIdPrefix,
    stampCreatedAt: false,
    streamSeed: spec.seed + 2,
  });
  // Arguments made up front, so only the database round trips are timed.
  const calls = Array.from({ length: count + warmupCalls }, () =>
    toArguments(JSON.parse(generator.next()) as Event),
  );
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

function toArguments(e: Event): unknown[] {
  return [
    e.user_id,
    e.user_email,
    e.customer_id ?? null,
    e.customer_name ?? null,
    e.request_type,
    e.session_id,
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
