import {
  compareMonthToDate,
  getCostSummary,
  getUsageDashboard,
  getUserUsage,
  MONTH_TO_DATE_DAYS,
  type UsageTransport,
} from "@org/ai-usage-sdk";
import { createPgTransport, type PgPool } from "@org/ai-usage-sdk/pg";
import type { SessionClaims } from "./auth.js";
import { budgetsOverview, endBudgetById, ownBudgets, setBudgetFromBody } from "./budget-routes.js";
import { exportAll } from "./full-export.js";
import { BadRequestError, daysOf } from "./request-arguments.js";

export interface ApiContext {
  pool: PgPool;
  defaultDays: number;
}

/** What a route is handed: the caller (verified claims, and a transport that runs as them) and the request. */
export interface RouteRequest {
  context: ApiContext;
  transport: UsageTransport;
  claims: SessionClaims;
  match: RegExpExecArray;
  query: URLSearchParams;
  /** The request body (POST), as text. */
  body: string | undefined;
}

/** One API route: matched on method and path, answered as the caller. */
interface Route {
  method: "GET" | "POST";
  pattern: RegExp;
  handle(request: RouteRequest): Promise<unknown>;
}

const ROUTES: Route[] = [
  {
    method: "GET",
    pattern: /^\/api\/dashboard$/,
    handle: ({ context, transport, query }) =>
      getUsageDashboard(transport, { days: daysOf(query, context.defaultDays) }),
  },
  {
    method: "GET",
    pattern: /^\/api\/users\/([^/]+)$/,
    handle: ({ context, transport, match, query }) =>
      getUserUsage(transport, {
        userId: decodeURIComponent(match[1]!),
        days: daysOf(query, context.defaultDays),
      }),
  },
  {
    method: "GET",
    pattern: /^\/api\/cost-summary$/,
    handle: ({ transport }) => getCostSummary(transport),
  },
  {
    // Every user or customer of the range (the tables hold the top 25), for the CSV exports.
    method: "GET",
    pattern: /^\/api\/export\/(users|customers)$/,
    handle: async ({ context, transport, claims, match, query }) => {
      const range = daysOf(query, context.defaultDays);
      // The reports' own limit (their 22023), checked here: the export's SQL counts any window.
      if (range < 1 || range > 3660) throw new BadRequestError("days must be between 1 and 3660");
      return exportAll(context.pool, transport, claims, match[1] as "users" | "customers", range);
    },
  },
  {
    // The dashboard's own daily series, long enough to reach last month's 1st: no SQL of its own.
    method: "GET",
    pattern: /^\/api\/month-to-date$/,
    handle: async ({ transport }) => {
      const dashboard = await getUsageDashboard(transport, { days: MONTH_TO_DATE_DAYS });
      return compareMonthToDate(dashboard.daily_trend, dashboard.period.end_date, dashboard.previous_month);
    },
  },
  {
    method: "GET",
    pattern: /^\/api\/budgets$/,
    handle: ({ transport, query }) => budgetsOverview(transport, query),
  },
  {
    method: "POST",
    pattern: /^\/api\/budgets$/,
    handle: ({ transport, body }) => setBudgetFromBody(transport, body),
  },
  {
    method: "POST",
    pattern: /^\/api\/budgets\/(\d{1,19})\/end$/,
    handle: ({ transport, match }) => endBudgetById(transport, match[1]!),
  },
  {
    method: "GET",
    pattern: /^\/api\/my-budgets$/,
    handle: ({ transport }) => ownBudgets(transport),
  },
];

export type FoundRoute = { route: Route; match: RegExpExecArray };

/**
 * The route for `method` and `path`: `"method_not_allowed"` when the path exists for other
 * methods only (answered 405 with those in Allow), null when no route has the path.
 */
export function findRoute(method: string, path: string): FoundRoute | { methodNotAllowed: string[] } | null {
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    // HEAD is a GET without the body (node:http leaves the body out).
    if (route.method === method || (route.method === "GET" && method === "HEAD")) return { route, match };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { methodNotAllowed: allowed } : null;
}

/**
 * Runs the route's SDK query as the caller, exactly as PostgREST would for their JWT: role
 * `authenticated` and their claims in `request.jwt.claims`, one transaction. The database's own
 * checks (admin or not, own usage or not) decide what comes back.
 */
export async function runRoute(
  context: ApiContext,
  found: FoundRoute,
  request: { query: URLSearchParams; body: string | undefined },
  claims: SessionClaims,
): Promise<unknown> {
  const transport = createPgTransport(context.pool, { identity: { role: "authenticated", claims } });
  return found.route.handle({ context, transport, claims, match: found.match, ...request });
}
