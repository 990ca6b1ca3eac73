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
