import { z } from "zod";
import {
  type ReconcileResult,
  ReconcileResultSchema,
  RepriceResultSchema,
  TimeZoneResultSchema,
} from "../schemas/admin.js";
import { callFunction, parseArguments } from "./call-function.js";
import type { UsageTransport } from "./function-call.js";

const instant = z.union([z.date(), z.iso.datetime({ offset: true })], {
  error: "must be a Date or an ISO 8601 timestamp",
});

export const RepriceArgumentsSchema = z.strictObject({
  /** The model whose rows to re-price from the price catalog. */
  model: z.string().min(1).max(200),
  /** Start of the period (inclusive); omitted = from the first row. */
  from: instant.optional(),
  /** End of the period (exclusive); omitted = up to now. */
  to: instant.optional(),
});
export type RepriceArguments = z.input<typeof RepriceArgumentsSchema>;

/** Admin only: re-prices a model's rows in [from, to); resolves to the number of rows whose rates changed. */
export async function repriceUsage(transport: UsageTransport, args: RepriceArguments): Promise<number> {
  const parsed = parseArguments(RepriceArgumentsSchema, args, "repriceUsage");
  return callFunction(
    transport,
    {
      name: "reprice_ai_usage",
      args: [
        { name: "p_model_used", value: parsed.model, type: "text" },
        { name: "p_from", value: parsed.from, type: "timestamptz" },
        { name: "p_to", value: parsed.to, type: "timestamptz" },
      ],
      returns: "value",
    },
    RepriceResultSchema,
  );
}

/** Admin only: sets the reporting time zone (IANA name) and rebuilds summaries; resolves to the zone in force. */
export async function setReportingTimeZone(transport: UsageTransport, timeZone: string): Promise<string> {
  const zone = parseArguments(z.string().min(1).max(100), timeZone, "setReportingTimeZone.timeZone");
  return callFunction(
    transport,
    {
      name: "set_ai_reporting_time_zone",
      args: [{ name: "p_time_zone", value: zone, type: "text" }],
      returns: "value",
    },
    TimeZoneResultSchema,
  );
}

/** Admin only: compares every summary with the raw log (`{ ok: true, mismatches: 0 }` when they agree). */
export async function reconcileSummaries(transport: UsageTransport): Promise<ReconcileResult> {
  return callFunction(
    transport,
    { name: "reconcile_ai_usage_summaries", args: [], returns: "value" },
    ReconcileResultSchema,
  );
}
