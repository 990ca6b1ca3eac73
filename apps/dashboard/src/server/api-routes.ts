import { getCostSummary, getUsageDashboard, getUserUsage, type UsageTransport } from "@org/ai-usage-sdk";
import { createPgTransport, type PgPool } from "@org/ai-usage-sdk/pg";
import { z } from "zod";
import type { SessionClaims } from "./auth.js";
import { exportAll } from "./full-export.js";
import { compareMonthToDate, MONTH_TO_DATE_DAYS } from "./month-to-date.js";

/** `?days=` as a whole number; its range (1..3660) is the SDK's and the database's to check. */
const DaysQuerySchema = z
  .string()
  .regex(/^\d{1,5}$/, { error: "days must be a whole number of days" })
  .transform(Number)
  .optional();

export class BadRequestError extends Error {
  override readonly name = "BadRequestError";
}

export interface ApiContext {
  pool: PgPool;
  defaultDays: number;
}

/** One API route: matched on the path, answered as the caller whose verified claims it receives. */
interface Route {
  pattern: RegExp;
  handle(
    context: ApiContext,
    transport: UsageTransport,
    match: RegExpExecArray,
    query: URLSearchParams,
    claims: SessionClaims,
  ): Promise<unknown>;
}

const ROUTES: Route[] = [
  {
    pattern: /^\/api\/dashboard$/,
    handle: (context, transport, _match, query) =>
      getUsageDashboard(transport, { days: days(query, context.defaultDays) }),
  },
  {
    pattern: /^\/api\/users\/([^/]+)$/,
    handle: (context, transport, match, query) =>
      getUserUsage(transport, {
        userId: decodeURIComponent(match[1]!),
        days: days(query, context.defaultDays),
      }),
  },
  {
    pattern: /^\/api\/cost-summary$/,
    handle: (_context, transport) => getCostSummary(transport),
  },
  {
    // Every user or customer of the range (the tables hold the top 25), for the CSV exports.
    pattern: /^\/api\/export\/(users|customers)$/,
    handle: (context, transport, match, query, claims) => {
      const range = days(query, context.defaultDays);
      // The reports' own limit (their 22023), checked here: the export's SQL counts any window.
      if (range < 1 || range > 3660) throw new BadRequestError("days must be between 1 and 3660");
      return exportAll(context.pool, transport, claims, match[1] as "users" | "customers", range);
    },
  },
  {
    // The dashboard's own daily series, long enough to reach last month's 1st: no SQL of its own.
    pattern: /^\/api\/month-to-date$/,
    handle: async (_context, transport) => {
      const dashboard = await getUsageDashboard(transport, { days: MONTH_TO_DATE_DAYS });
      return compareMonthToDate(dashboard.daily_trend, dashboard.period.end_date, dashboard.previous_month);
    },
  },
];

export function findRoute(path: string): { route: Route; match: RegExpExecArray } | null {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match) return { route, match };
  }
  return null;
}

/**
 * Runs the route's SDK query as the caller, exactly as PostgREST would for their JWT: role
 * `authenticated` and their claims in `request.jwt.claims`, one transaction. The database's own
 * checks (admin or not, own usage or not) decide what comes back.
 */
export function runRoute(
  context: ApiContext,
  found: { route: Route; match: RegExpExecArray },
  query: URLSearchParams,
  claims: SessionClaims,
): Promise<unknown> {
  const transport = createPgTransport(context.pool, { identity: { role: "authenticated", claims } });
  return found.route.handle(context, transport, found.match, query, claims);
}

function days(query: URLSearchParams, fallback: number): number {
  const parsed = DaysQuerySchema.safeParse(query.get("days") ?? undefined);
  if (!parsed.success) throw new BadRequestError(parsed.error.issues[0]?.message ?? "invalid days");
  return parsed.data ?? fallback;
}
