import type pg from "pg";

/**
 * The test's own account of what each summary table must hold: a plain GROUP BY over ai_usage_log,
 * written here independently of the migration's generated SQL, compared row by row (as text, so
 * amounts are compared exactly).
 */

interface SummaryTable {
  name: string;
  bucket: "day" | "month";
  keys: string[];
  label?: string;
  /** Rows of the log this table counts. */
  onlyWithCustomer?: boolean;
  /** How the test scopes this table to its own rows: by request type (per model) or by user. */
  scopeBy: "request_type" | "user_id";
}

export const SUMMARY_TABLES: SummaryTable[] = [
  {
    name: "ai_usage_daily_by_model",
    bucket: "day",
    keys: ["request_type", "provider", "model_used"],
    scopeBy: "request_type",
  },
  {
    name: "ai_usage_daily_by_user",
    bucket: "day",
    keys: ["user_id"],
    label: "user_email",
    scopeBy: "user_id",
  },
  {
    name: "ai_usage_daily_by_customer",
    bucket: "day",
    keys: ["customer_id", "user_id"],
    label: "customer_name",
    onlyWithCustomer: true,
    scopeBy: "user_id",
  },
  { name: "ai_usage_summary", bucket: "month", keys: ["user_id"], label: "user_email", scopeBy: "user_id" },
  {
    name: "ai_usage_monthly_by_customer",
    bucket: "month",
    keys: ["customer_id", "user_id"],
    label: "customer_name",
    onlyWithCustomer: true,
    scopeBy: "user_id",
  },
];

/** Distinct users per day (the dashboard's daily series), kept with the summaries. */
export const ACTIVE_USERS_TABLE = "ai_usage_daily_active_users";

// Each summary metric, as the spec would have written it over the raw log.
const METRICS: [column: string, oracle: string][] = [
  ["requests", "count(*)"],
  ["successful_requests", "count(*) FILTER (WHERE status = 'success')"],
  ["failed_requests", "count(*) FILTER (WHERE status = 'error')"],
  ["unpriced_requests", "count(*) FILTER (WHERE total_cost_usd IS NULL)"],
  ["priced_successful_requests", "count(*) FILTER (WHERE status = 'success' AND total_cost_usd IS NOT NULL)"],
  ["input_tokens", "sum(input_tokens)"],
  ["output_tokens", "sum(output_tokens)"],
  ["cache_write_5m_tokens", "sum(cache_write_5m_tokens)"],
  ["cache_write_1h_tokens", "sum(cache_write_1h_tokens)"],
  ["cache_read_tokens", "sum(cache_read_tokens)"],
  [
    "total_tokens",
    "sum(input_tokens + output_tokens + cache_write_5m_tokens + cache_write_1h_tokens + cache_read_tokens)",
  ],
  ["successful_tokens", "coalesce(sum(total_tokens) FILTER (WHERE status = 'success'), 0)"],
  ["input_cost_usd", "coalesce(sum(input_cost_usd), 0)"],
  ["output_cost_usd", "coalesce(sum(output_cost_usd), 0)"],
  ["cache_write_cost_usd", "coalesce(sum(cache_write_cost_usd), 0)"],
  ["cache_read_cost_usd", "coalesce(sum(cache_read_cost_usd), 0)"],
  ["total_cost_usd", "coalesce(sum(total_cost_usd), 0)"],
  ["successful_cost_usd", "coalesce(sum(total_cost_usd) FILTER (WHERE status = 'success'), 0)"],
  [
    "cache_savings_usd",
    "coalesce(sum(cache_read_tokens * (input_price_per_mtok - cache_read_price_per_mtok) / 1000000), 0)",
  ],
  ["unpriced_tokens", "coalesce(sum(total_tokens) FILTER (WHERE total_cost_usd IS NULL), 0)"],
  ["latency_ms_sum", "coalesce(sum(latency_ms), 0)"],
  ["latency_count", "count(latency_ms)"],
  ["successful_latency_ms_sum", "coalesce(sum(latency_ms) FILTER (WHERE status = 'success'), 0)"],
  ["successful_latency_count", "count(latency_ms) FILTER (WHERE status = 'success')"],
  ["last_request_at", "max(created_at)"],
];

// Amounts in the summaries are numeric(24,12); the oracle's sums are brought to the same scale so
// that equal amounts print equally.
function asText(column: string, expression: string): string {
  return column.endsWith("_usd") ? `(${expression})::numeric(24,12)::text` : `(${expression})::text`;
}

/**
 * The oracle formulas for the metrics `table` keeps (tables keep different subsets). A column the
 * oracle has no formula for fails the test: a new metric needs its independent check here.
 */
async function metricsOf(client: pg.Client, table: SummaryTable, groups: string[]): Promise<typeof METRICS> {
  const { rows } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table.name],
  );
  const columns = rows
    .map((row) => row.column_name)
    .filter((column) => !groups.includes(column) && column !== table.label && column !== `${table.label}_at`);
  const unknown = columns.filter((column) => !METRICS.some(([metric]) => metric === column));
  if (unknown.length > 0) throw new Error(`${table.name}: no oracle formula for ${unknown.join(", ")}`);
  if (!columns.includes("requests") || !columns.includes("last_request_at")) {
    throw new Error(
      `${table.name}: expected at least requests and last_request_at, got ${columns.join(", ")}`,
    );
  }
  return METRICS.filter(([metric]) => columns.includes(metric));
}

export interface SummaryScope {
  userIds: string[];
  requestTypes: string[];
}

export type SummaryComparison = Record<
  string,
  { expected: Record<string, string>[]; actual: Record<string, string>[] }
>;

/**
 * Every summary table next to the oracle's rows, for the reporting zone `timeZone`. Without a scope
 * it covers the whole database (use it only on an isolated one); with a scope, the rows of those
 * users (per-user tables) and request types (per-model table).
 */
export async function compareSummariesWithLog(
  client: pg.Client,
  timeZone = "UTC",
  scope?: SummaryScope,
): Promise<SummaryComparison> {
  const comparison: SummaryComparison = {};
  for (const table of SUMMARY_TABLES) {
    const bucketColumn = table.bucket === "day" ? "usage_date" : "month";
    const bucket =
      table.bucket === "day"
        ? "(created_at AT TIME ZONE $2)::date"
        : "date_trunc('month', created_at AT TIME ZONE $2)::date";
    const groups = [bucketColumn, ...table.keys];
    const groupColumns = groups.map((column) => `${column}::text`).join(", ");
    const orderBy = groups.join(", ");
    const scopeFilter = scope ? `${table.scopeBy} = ANY($1)` : "$1::text[] IS NULL";
    const scopeValues = scope ? (table.scopeBy === "user_id" ? scope.userIds : scope.requestTypes) : null;
    // The label (display name) is the newest one the bucket's requests carry (ties: the greatest),
    // kept with that request's time.
    const expectedLabel = table.label
      ? `(array_agg(${table.label} ORDER BY created_at DESC, ${table.label} DESC)
            FILTER (WHERE ${table.label} IS NOT NULL))[1] AS ${table.label},
         (max(created_at) FILTER (WHERE ${table.label} IS NOT NULL))::text AS ${table.label}_at, `
      : "";
    const actualLabel = table.label ? `${table.label}, ${table.label}_at::text, ` : "";
    const metrics = await metricsOf(client, table, groups);
    const expected = await client.query(
      `SELECT ${groupColumns}, ${expectedLabel}
              ${metrics.map(([column, oracle]) => `${asText(column, oracle)} AS ${column}`).join(", ")}
       FROM (SELECT ${bucket} AS ${bucketColumn}, * FROM ai_usage_log) log
       WHERE ${scopeFilter} ${table.onlyWithCustomer ? "AND customer_id IS NOT NULL" : ""}
       GROUP BY ${orderBy} ORDER BY ${orderBy}`,
      [scopeValues, timeZone],
    );
    const actual = await client.query(
      `SELECT ${groupColumns}, ${actualLabel}
              ${metrics.map(([column]) => `${asText(column, column)} AS ${column}`).join(", ")}
       FROM ${table.name} WHERE ${scopeFilter} ORDER BY ${orderBy}`,
      [scopeValues],
    );
    comparison[table.name] = { expected: expected.rows, actual: actual.rows };
  }
  // Distinct users per day is a count over all users, so it is compared only database-wide;
  // scoped callers rely on reconcile_ai_usage_summaries() for it.
  if (!scope) {
    const expected = await client.query(
      `SELECT (created_at AT TIME ZONE $1)::date::text AS usage_date, count(DISTINCT user_id)::text AS active_users
       FROM ai_usage_log GROUP BY 1 ORDER BY 1`,
      [timeZone],
    );
    const actual = await client.query(
      `SELECT usage_date::text, active_users::text FROM ${ACTIVE_USERS_TABLE} ORDER BY usage_date`,
    );
    comparison[ACTIVE_USERS_TABLE] = { expected: expected.rows, actual: actual.rows };
  }
  return comparison;
}

/** reconcile_ai_usage_summaries(), the database's own check over every summary. */
export async function reconcile(client: pg.Client): Promise<{ ok: boolean; mismatches: number }> {
  const { rows } = await client.query<{ result: { ok: boolean; mismatches: number } }>(
    "SELECT reconcile_ai_usage_summaries() AS result",
  );
  return rows[0]!.result;
}
