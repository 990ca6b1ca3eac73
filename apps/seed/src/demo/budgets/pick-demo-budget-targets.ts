import { getUsageDashboard, type UsageDashboard, type UsageTransport } from "@org/ai-usage-sdk";
import type pg from "pg";
import type { DemoCaller } from "./demo-live-request.js";

/** Whom the demo's budgets are about, with what they spent so far this month. */
export interface DemoBudgetTargets {
  /** The biggest spender: their budget is set near its cap. */
  readonly user: DemoCaller & { readonly monthSpentUsd: number };
  /** A big customer (not the user's own, when there is another): its soft budget is overrun. */
  readonly customer: {
    readonly customerId: number;
    readonly customerName: string | null;
    readonly monthSpentUsd: number;
    /** One of its users, who makes the requests charged to it. */
    readonly caller: DemoCaller;
  };
}

/**
 * Picks the targets from the reports, by the database's clock and reporting time zone: the month
 * so far is a window of as many days as today's date (the dashboard's windows end today). Early in
 * a month that window may be empty, so the recent usage names the targets when it is: the last 30
 * days, or 90, or 365 when the data is older (a month that turned while the demo ran, after data
 * that ended at the start of the previous one, left 30 days empty). Null when nobody used AI.
 */
export async function pickDemoBudgetTargets(
  transport: UsageTransport,
  pool: pg.Pool,
): Promise<DemoBudgetTargets | null> {
  const recent = await recentUsage(transport);
  const dayOfMonth = Number(recent.period.end_date.slice(8, 10));
  const month = await getUsageDashboard(transport, { days: dayOfMonth });

  const topUser = biggest(month.by_user) ?? biggest(recent.by_user);
  if (topUser === undefined) return null;
  const userMonth = month.by_user.find((user) => user.user_id === topUser.user_id)?.total_cost ?? 0;
  const userCustomer = await latestCustomerOf(pool, topUser.user_id);

  const others = (customers: UsageDashboard["by_customer"]) =>
    customers.filter((customer) => customer.customer_id !== userCustomer.customerId);
  const topCustomer =
    biggest(others(month.by_customer)) ??
    biggest(others(recent.by_customer)) ??
    biggest(month.by_customer) ??
    biggest(recent.by_customer);
  if (topCustomer === undefined) return null;
  const customerMonth =
    month.by_customer.find((customer) => customer.customer_id === topCustomer.customer_id)?.total_cost ?? 0;
  const customerUser = await latestUserOf(pool, topCustomer.customer_id, topUser.user_id);
  if (customerUser === null) return null;

  return {
    user: {
      userId: topUser.user_id,
      userEmail: topUser.user_email,
      ...userCustomer,
      monthSpentUsd: userMonth,
    },
    customer: {
      customerId: topCustomer.customer_id,
      customerName: topCustomer.customer_name,
      monthSpentUsd: customerMonth,
      caller: {
        ...customerUser,
        customerId: topCustomer.customer_id,
        customerName: topCustomer.customer_name,
      },
    },
  };
}

/** The dashboard of the last 30 days, or of the first longer window that has any usage. */
async function recentUsage(transport: UsageTransport): Promise<UsageDashboard> {
  let dashboard = await getUsageDashboard(transport, { days: 30 });
  for (const days of [90, 365]) {
    if (dashboard.by_user.length > 0) break;
    dashboard = await getUsageDashboard(transport, { days });
  }
  return dashboard;
}

function biggest<T extends { total_cost: number }>(rows: readonly T[]): T | undefined {
  return rows.reduce<T | undefined>(
    (best, row) => (best && best.total_cost >= row.total_cost ? best : row),
    undefined,
  );
}

/** The customer the user last worked for (null: their own usage). */
async function latestCustomerOf(
  pool: pg.Pool,
  userId: string,
): Promise<Pick<DemoCaller, "customerId" | "customerName">> {
  const { rows } = await pool.query<{ customer_id: number | null; customer_name: string | null }>(
    "select customer_id, customer_name from ai_usage_log where user_id = $1 order by created_at desc limit 1",
    [userId],
  );
  return { customerId: rows[0]?.customer_id ?? null, customerName: rows[0]?.customer_name ?? null };
}

/** The customer's most recent user other than `notUserId` (so the two budgets do not share requests). */
async function latestUserOf(
  pool: pg.Pool,
  customerId: number,
  notUserId: string,
): Promise<Pick<DemoCaller, "userId" | "userEmail"> | null> {
  const { rows } = await pool.query<{ user_id: string; user_email: string | null }>(
    `select user_id, user_email from ai_usage_log where customer_id = $1 and user_id <> $2
     order by created_at desc limit 1`,
    [customerId, notUserId],
  );
  return rows[0] ? { userId: rows[0].user_id, userEmail: rows[0].user_email } : null;
}
