import { randomUUID } from "node:crypto";
import type pg from "pg";

/**
 * A usage event as log_ai_usage_batch takes it (docs/database-api.md). Deliberately loose: tests also
 * send wrong types and unknown keys to see them rejected.
 */
export type UsageEvent = Record<string, unknown>;

/** One row of log_ai_usage_batch's result. */
export interface BatchResultRow {
  event_index: number;
  id: string;
  request_id: string;
  inserted: boolean;
}

/** A short random tag, so names made by one test never collide with another test's. */
export function uniqueTag(): string {
  return randomUUID().slice(0, 8);
}

/** A valid event for `userId` with a fresh request id; `overrides` replace or add fields. */
export function usageEvent(userId: string, overrides: UsageEvent = {}): UsageEvent {
  return {
    user_id: userId,
    request_id: `req-${randomUUID()}`,
    input_tokens: 100,
    output_tokens: 50,
    ...overrides,
  };
}

export async function logBatch(client: pg.Client, events: unknown): Promise<BatchResultRow[]> {
  const { rows } = await client.query<BatchResultRow>(
    "SELECT event_index, id, request_id, inserted FROM log_ai_usage_batch($1::jsonb) ORDER BY event_index",
    [JSON.stringify(events)],
  );
  return rows;
}

/** Calls log_ai_usage with named arguments (`{ user_id: ..., input_tokens: ... }` -> p_user_id => ...). */
export async function logOne(client: pg.Client, args: Record<string, unknown>): Promise<string> {
  const names = Object.keys(args);
  const list = names.map((name, i) => `p_${name} => $${i + 1}`).join(", ");
  const { rows } = await client.query<{ id: string }>(
    `SELECT log_ai_usage(${list}) AS id`,
    names.map((name) => args[name]),
  );
  return rows[0]!.id;
}

/** The ISO timestamp `days` whole days and `minutes` minutes after `base`. */
export function shiftedIso(base: Date, days: number, minutes = 0): string {
  return new Date(base.getTime() + days * 86_400_000 + minutes * 60_000).toISOString();
}
