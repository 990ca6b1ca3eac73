// prices:sync --apply: the diff written through set_ai_model_price, in ONE transaction.
import type pg from "pg";
import { type CatalogRow, catalogKeyText } from "../catalog/catalog-row.js";
import { formatRate } from "../decimal/rate-micros.js";
import { CATALOG_EFFECTIVE_FROM } from "../sql/catalog-sql.js";
import type { CatalogDiff } from "./diff-catalog.js";
import { SYNC_EXIT, SyncError } from "./sync-error.js";

export interface AppliedPrice {
  row: CatalogRow;
  effectiveFrom: string;
  priceId: number;
  /** Stored usage rows this entry prices (set_ai_model_price's count). */
  storedRows: number;
  warning: string | null;
}

export interface RepricedModel {
  modelUsed: string;
  from: string;
  rows: number;
}

export interface ApplyOptions {
  /** YYYY-MM-DD: the start of every changed price (and of a new key that had earlier rows). */
  effectiveFrom: string;
  /** Re-price stored usage of the models whose new entries price stored rows. */
  reprice: boolean;
}

export async function applyCatalogDiff(
  client: pg.ClientBase,
  diff: CatalogDiff,
  options: ApplyOptions,
): Promise<{ applied: AppliedPrice[]; repriced: RepricedModel[] }> {
  const changeStart = `${options.effectiveFrom} 00:00:00+00`;
  const writes = [
    // A key without any row gets its first known price for the whole history, like the built-in
    // catalog; anything else starts at --effective-from, so stored history is never rewritten.
    ...diff.added.map(({ row, firstPrice }) => ({
      row,
      from: firstPrice ? CATALOG_EFFECTIVE_FROM : changeStart,
    })),
    ...diff.changed.map(({ row, current }) => {
      if (current.effectiveFrom.getTime() >= Date.parse(`${options.effectiveFrom}T00:00:00Z`)) {
        throw new SyncError(
          `${catalogKeyText(row)}: the price in force starts ${current.effectiveFrom.toISOString()}, not before ` +
            `--effective-from ${options.effectiveFrom}; a change must start later (history is never rewritten)`,
          SYNC_EXIT.usage,
        );
      }
      return { row, from: changeStart };
    }),
  ];
  await client.query("BEGIN");
  try {
    const applied: AppliedPrice[] = [];
    for (const { row, from } of writes) applied.push(await setPrice(client, row, from));
    const repriced = options.reprice ? await repriceStoredUsage(client, applied) : [];
    await client.query("COMMIT");
    return { applied, repriced };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw explainDatabaseError(error);
  }
}

async function setPrice(client: pg.ClientBase, row: CatalogRow, from: string): Promise<AppliedPrice> {
  const { rows } = await client.query<{
    result: { price_id: number; stored_rows: number; warning: string | null };
  }>(
    `SELECT public.set_ai_model_price(
              p_provider => $1, p_model_match => $2, p_effective_from => $3::timestamptz,
              p_input_per_mtok => $4::numeric, p_output_per_mtok => $5::numeric,
              p_cache_write_5m_per_mtok => $6::numeric, p_cache_write_1h_per_mtok => $7::numeric,
              p_cache_read_per_mtok => $8::numeric, p_source => $9,
              p_service_tier => $10, p_above_prompt_tokens => $11) AS result`,
    [
      row.provider,
      row.modelMatch,
      from,
      formatRate(row.rates.input),
      formatRate(row.rates.output),
      formatRate(row.rates.cacheWrite5m),
      formatRate(row.rates.cacheWrite1h),
      formatRate(row.rates.cacheRead),
      row.source,
      row.serviceTier,
      row.abovePromptTokens,
    ],
  );
  const result = rows[0]!.result;
  return {
    row,
    effectiveFrom: from,
    priceId: Number(result.price_id),
    storedRows: Number(result.stored_rows),
    warning: result.warning,
  };
}

/**
 * reprice_ai_usage works per stored model id, and a catalog entry prices every id that resolves to
 * it (dated ids, host forms, aliases): so the ids stored since the earliest new entry are resolved
 * with explain_ai_model_price, and those landing on a written entry are re-priced from its start.
 */
async function repriceStoredUsage(client: pg.ClientBase, applied: AppliedPrice[]): Promise<RepricedModel[]> {
  const pricing = applied.filter((price) => price.storedRows > 0);
  if (pricing.length === 0) return [];
  const startOf = new Map<string, string>();
  for (const price of pricing) {
    const key = `${price.row.provider}\u0000${price.row.modelMatch}`;
    const earlier = startOf.get(key);
    if (!earlier || Date.parse(price.effectiveFrom) < Date.parse(earlier))
      startOf.set(key, price.effectiveFrom);
  }
  const earliest = [...startOf.values()].sort((a, b) => Date.parse(a) - Date.parse(b))[0]!;
  const { rows: stored } = await client.query<{
    model_used: string;
    provider: string | null;
    model_match: string | null;
  }>(
    `SELECT m.model_used, p.price->>'provider' AS provider, p.price->>'model_match' AS model_match
       FROM (SELECT DISTINCT model_used FROM public.ai_usage_log WHERE created_at >= $1::timestamptz) m,
            LATERAL (SELECT public.explain_ai_model_price(m.model_used)->'price' AS price) p
      ORDER BY m.model_used`,
    [earliest],
  );
  const repriced: RepricedModel[] = [];
  for (const { model_used: modelUsed, provider, model_match: modelMatch } of stored) {
    const from = startOf.get(`${provider}\u0000${modelMatch}`);
    if (!from) continue;
    const { rows } = await client.query<{ rows: number }>(
      "SELECT public.reprice_ai_usage($1, $2::timestamptz, NULL) AS rows",
      [modelUsed, from],
    );
    repriced.push({ modelUsed, from, rows: rows[0]!.rows });
  }
  return repriced;
}

/** The database's refusals in the words of this command. */
export function explainDatabaseError(error: unknown): unknown {
  if (error instanceof SyncError) return error;
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code === "42501") {
    return new SyncError(
      `the database user is not allowed to (${message}): prices:sync reads and writes the catalog as an ` +
        "admin, the service role or the owner; connect as one (DATABASE_URL, --database-url)",
      SYNC_EXIT.problem,
    );
  }
  if (code === "42883" || code === "42703") {
    return new SyncError(
      `the database lacks the price functions or columns this sync needs (${message}): run pnpm db:migrate first`,
      SYNC_EXIT.problem,
    );
  }
  if (code === "22023") return new SyncError(`the database refused a price: ${message}`, SYNC_EXIT.problem);
  return error;
}
