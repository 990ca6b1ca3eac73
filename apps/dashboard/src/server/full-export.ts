import { getCostSummary, UsageDashboardSchema, type UsageTransport } from "@org/ai-usage-sdk";
import type { PgPool } from "@org/ai-usage-sdk/pg";
import { z } from "zod";
import type { SessionClaims } from "./auth.js";

/**
 * Every user or customer of a range, for the CSV exports (the dashboard's tables hold the top 25;
 * billing needs all of them). Rows have the shape of get_ai_usage_dashboard's `by_user` and
 * `by_customer`, with the same definitions, read from the log as the caller: row level security
 * shows an admin every row, and the admin-only get_ai_cost_summary() is asked first, so anyone
 * else gets the database's 42501 (403) rather than a file of their own rows.
 */
const PeriodSchema = UsageDashboardSchema.shape.period;
export const UserExportSchema = z.object({ period: PeriodSchema, rows: UsageDashboardSchema.shape.by_user });
export const CustomerExportSchema = z.object({
  period: PeriodSchema,
  rows: UsageDashboardSchema.shape.by_customer,
});
export type UserExport = z.infer<typeof UserExportSchema>;
export type CustomerExport = z.infer<typeof CustomerExportSchema>;

export type ExportKind = "users" | "customers";

// The window as the reports count it: today and the days before it, whole days in the reporting
// time zone ($2), by the database's clock. One row per user (customer) of that window's log rows.
const WINDOW = `with w as (
    select $1::int as days, $2::text as time_zone, (now() at time zone $2::text)::date as end_date
  ), b as (
    select w.*, w.end_date - (w.days - 1) as start_date,
           ((w.end_date - (w.days - 1))::timestamp at time zone w.time_zone) as from_at,
           ((w.end_date + 1)::timestamp at time zone w.time_zone) as to_at
    from w)`;

const PERIOD = `jsonb_build_object('days', b.days, 'start_date', b.start_date, 'end_date', b.end_date,
  'time_zone', b.time_zone)`;

const USERS_SQL = `${WINDOW}
select jsonb_build_object('period', ${PERIOD}, 'rows', coalesce((
  select jsonb_agg(jsonb_build_object(
      'user_id', u.user_id, 'user_email', coalesce(u.user_email, 'Unknown'), 'request_count', u.requests,
      'input_tokens', u.input_tokens, 'output_tokens', u.output_tokens,
      'cache_write_tokens', u.cache_write_tokens, 'cache_read_tokens', u.cache_read_tokens,
      'total_tokens', u.total_tokens, 'total_cost', round(u.cost, 4),
      'avg_cost_per_request', case when u.requests > u.unpriced then round(u.cost / (u.requests - u.unpriced), 6) else 0 end,
      'last_request', u.last_request) order by u.cost desc, u.user_id)
  from (
    select l.user_id,
           (array_agg(l.user_email order by l.created_at desc, l.user_email desc)
              filter (where l.user_email is not null))[1] as user_email,
           count(*) as requests, count(*) filter (where l.total_cost_usd is null) as unpriced,
           sum(l.input_tokens) as input_tokens, sum(l.output_tokens) as output_tokens,
           sum(l.cache_write_5m_tokens + l.cache_write_1h_tokens) as cache_write_tokens,
           sum(l.cache_read_tokens) as cache_read_tokens, sum(l.total_tokens) as total_tokens,
           coalesce(sum(l.total_cost_usd), 0) as cost, max(l.created_at) as last_request
    from public.ai_usage_log l
    where l.created_at >= b.from_at and l.created_at < b.to_at
    group by l.user_id) u), '[]'::jsonb)) as result
from b`;

const CUSTOMERS_SQL = `${WINDOW}
select jsonb_build_object('period', ${PERIOD}, 'rows', coalesce((
  select jsonb_agg(jsonb_build_object(
      'customer_id', c.customer_id, 'customer_name', coalesce(c.customer_name, 'Unknown'),
      'request_count', c.requests, 'total_tokens', c.total_tokens, 'total_cost', round(c.cost, 4),
      'unique_users', c.unique_users) order by c.cost desc, c.customer_id)
  from (
    select l.customer_id,
           (array_agg(l.customer_name order by l.created_at desc, l.customer_name desc)
              filter (where l.customer_name is not null))[1] as customer_name,
           count(*) as requests, sum(l.total_tokens) as total_tokens,
           coalesce(sum(l.total_cost_usd), 0) as cost, count(distinct l.user_id) as unique_users
    from public.ai_usage_log l
    where l.customer_id is not null and l.created_at >= b.from_at and l.created_at < b.to_at
    group by l.customer_id) c), '[]'::jsonb)) as result
from b`;

/** All users or all customers of the last `days` days, as the caller (an admin) may read them. */
export async function exportAll(
  pool: PgPool,
  transport: UsageTransport,
  claims: SessionClaims,
  kind: ExportKind,
  days: number,
): Promise<UserExport | CustomerExport> {
  // Admin only (42501 → 403 otherwise), and the reporting time zone the window is counted in.
  const { time_zone: timeZone } = await getCostSummary(transport);
  const result = await asCaller(pool, claims, kind === "users" ? USERS_SQL : CUSTOMERS_SQL, [days, timeZone]);
  return (kind === "users" ? UserExportSchema : CustomerExportSchema).parse(result);
}

/** One statement as the signed-in user, the way PostgREST runs it: their role and claims, one transaction. */
async function asCaller(
  pool: PgPool,
  claims: SessionClaims,
  text: string,
  values: unknown[],
): Promise<unknown> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query(
      "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
      [JSON.stringify(claims)],
    );
    const result = await client.query<{ result: unknown }>(text, values);
    await client.query("commit");
    return result.rows[0]?.result;
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
