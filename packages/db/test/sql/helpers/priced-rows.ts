import type pg from "pg";
import { type BatchResultRow, logBatch } from "./events.js";

/** How one stored row is priced: its catalog entry, its input rate and its total cost (text, exact). */
export interface PricedRow {
  created_at: string;
  provider: string;
  price_id: string | null;
  input_rate: string | null;
  total_cost: string | null;
}

/** Logs one event per timestamp for `userId`, with 1M input and 1M output tokens each. */
export async function logAt(
  client: pg.Client,
  userId: string,
  model: string,
  requestType: string,
  timestamps: string[],
): Promise<BatchResultRow[]> {
  return logBatch(
    client,
    timestamps.map((createdAt) => ({
      user_id: userId,
      request_type: requestType,
      model_used: model,
      created_at: createdAt,
      input_tokens: 1_000_000,
      output_tokens: 1_000_000,
    })),
  );
}

/** The user's rows of `model`, oldest first, keyed by their created_at in UTC (ISO, no milliseconds). */
export async function pricedRows(
  client: pg.Client,
  userId: string,
  model: string,
): Promise<Record<string, PricedRow>> {
  const { rows } = await client.query<PricedRow>(
    `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at, provider,
            price_id::text, input_price_per_mtok::text AS input_rate, total_cost_usd::text AS total_cost
     FROM ai_usage_log WHERE user_id = $1 AND model_used = $2 ORDER BY created_at`,
    [userId, model],
  );
  return Object.fromEntries(rows.map((row) => [row.created_at, row]));
}

/** set_ai_model_price with the cache rates left to their defaults; returns the catalog entry id. */
export async function setPrice(
  client: pg.Client,
  price: { provider: string; model: string; from: string; input: number; output: number; to?: string },
): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT set_ai_model_price(p_provider => $1, p_model_match => $2, p_effective_from => $3,
       p_input_per_mtok => $4, p_output_per_mtok => $5, p_effective_to => $6) ->> 'price_id' AS id`,
    [price.provider, price.model, price.from, price.input, price.output, price.to ?? null],
  );
  return rows[0]!.id;
}
