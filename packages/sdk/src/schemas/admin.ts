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
