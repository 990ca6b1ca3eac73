import { z } from "zod";
import { count } from "./json-values.js";

/**
 * `reconcile_ai_usage_summaries()`: `{ ok, mismatches, ... }`. The contract names only `ok` and
 * `mismatches`; any further detail the database adds is kept as it is.
 */
export const ReconcileResultSchema = z.looseObject({ ok: z.boolean(), mismatches: count });
export type ReconcileResult = z.infer<typeof ReconcileResultSchema>;

/** `reprice_ai_usage(...)`: the number of rows whose rates changed. */
export const RepriceResultSchema = count;

/** `set_ai_reporting_time_zone(...)`: the zone now in force. */
export const TimeZoneResultSchema = z.string().min(1);

/** A bigint from any transport (pg: string, Prisma: bigint, PostgREST: number) as a number; counts fit. */
export const BigintCountSchema = z
  .union([z.number(), z.string().regex(/^\d+$/), z.bigint()])
  .transform((value) => Number(value))
  .pipe(count);

/** A bigint id from any transport, kept exact as a decimal string. */
export const BigintIdSchema = z
  .union([z.number().int(), z.string().regex(/^\d+$/), z.bigint()])
  .transform((value) => String(value));

/** `set_ai_usage_self_logging(...)`: the setting now in force. */
export const SelfLoggingResultSchema = z.boolean();

/**
 * `set_ai_model_price(...)`: the entry's id, how many stored usage rows it would price (by model,
 * tier, prompt size and period; `repriceUsage` applies it to them), and a warning when that is 0
 * (usually a model id that matches nothing stored).
 */
export const SetModelPriceResultSchema = z
  .object({ price_id: BigintIdSchema, stored_rows: BigintCountSchema, warning: z.string().nullable() })
  .transform((result) => ({
    priceId: result.price_id,
    storedRows: result.stored_rows,
    warning: result.warning,
  }));
export type SetModelPriceResult = z.output<typeof SetModelPriceResultSchema>;

/** `set_ai_model_alias(...)`: the alias now in force and how many stored rows carry that id. */
export const SetModelAliasResultSchema = z
  .object({ alias: z.string(), model: z.string(), stored_rows: BigintCountSchema })
  .transform((result) => ({ alias: result.alias, model: result.model, storedRows: result.stored_rows }));
export type SetModelAliasResult = z.output<typeof SetModelAliasResultSchema>;

/** `delete_ai_model_alias(...)`: whether there was such an alias. */
export const DeleteModelAliasResultSchema = z.boolean();
