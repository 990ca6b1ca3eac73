import { z } from "zod";
import {
  BigintCountSchema,
  type ReconcileResult,
  ReconcileResultSchema,
  SelfLoggingResultSchema,
  TimeZoneResultSchema,
} from "../schemas/admin.js";
import { callFunction, parseArguments } from "./call-function.js";
import type { UsageTransport } from "./function-call.js";

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

/** Admin only: recomputes every summary from the log (`rebuild_ai_usage_summaries`); resolves to the rows read. */
export async function rebuildSummaries(transport: UsageTransport): Promise<number> {
  return callFunction(
    transport,
    { name: "rebuild_ai_usage_summaries", args: [], returns: "value" },
    BigintCountSchema,
  );
}

/**
 * Admin only: lets signed-in users log their own usage, or stops it (`set_ai_usage_self_logging`,
 * off by default). Such users' recorders need `timestamp: "database"`.
 */
export async function setSelfLogging(transport: UsageTransport, enabled: boolean): Promise<boolean> {
  const value = parseArguments(z.boolean(), enabled, "setSelfLogging.enabled");
  return callFunction(
    transport,
    {
      name: "set_ai_usage_self_logging",
      args: [{ name: "p_enabled", value, type: "boolean" }],
      returns: "value",
    },
    SelfLoggingResultSchema,
  );
}
