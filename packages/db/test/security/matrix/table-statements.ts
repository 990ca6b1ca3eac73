import type { MatrixFixture } from "../support/matrix-fixture.js";
import type { TableAction, TableName } from "./table-matrix.js";

/**
 * The statement behind each TABLE_MATRIX cell. Selects return the rows the caller can see as `n`;
 * the other statements are counted by their row count. Every statement is confined to the
 * fixture's rows (its users, model or catalog entry), so the counts are exact.
 */
export interface TableStatement {
  sql: string;
  params?: (fixture: MatrixFixture) => unknown[];
}

const fixtureUsers = (f: MatrixFixture) => [Object.values(f.ids)];
const fixtureModel = (f: MatrixFixture) => [f.model];
const fixtureBudget = (f: MatrixFixture) => [f.budgetId];

/** A summary table keyed by user: rows of the fixture's users; inserts a row for a new user. */
function perUserSummary(
  table: string,
  bucket: string,
  extraKeys = "",
  extraValues = "",
): Record<TableAction, TableStatement> {
  return {
    select: {
      sql: `select count(*)::int as n from public.${table} where user_id = any($1::uuid[])`,
      params: fixtureUsers,
    },
    insert: {
      sql: `insert into public.${table} (${bucket}, user_id${extraKeys}, last_request_at)
            values (current_date, gen_random_uuid()${extraValues}, now())`,
    },
    update: {
      sql: `update public.${table} set requests = requests where user_id = any($1::uuid[])`,
      params: fixtureUsers,
    },
    delete: { sql: `delete from public.${table} where user_id = any($1::uuid[])`, params: fixtureUsers },
  };
}

/** The day of the fixture's log rows (see matrix-fixture.ts). */
const FIXTURE_DAY = "(date_trunc('day', now(), 'UTC') - interval '12 hours')::date";

const SECURITY_MIGRATION = String.raw`migration_name like '%\_ai\_usage\_security'`;

export const TABLE_STATEMENTS: Record<TableName, Record<TableAction, TableStatement>> = {
  ai_usage_log: {
    select: {
      sql: "select count(*)::int as n from public.ai_usage_log where user_id = any($1::uuid[])",
      params: fixtureUsers,
    },
    insert: {
      sql: "insert into public.ai_usage_log (user_id, request_id) values ($1, gen_random_uuid()::text)",
      params: (f) => [f.ids.userA],
    },
    // The price columns are the only ones an UPDATE may change (append-only trigger).
    update: {
      sql: "update public.ai_usage_log set price_id = price_id where user_id = any($1::uuid[])",
      params: fixtureUsers,
    },
    delete: { sql: "delete from public.ai_usage_log where user_id = any($1::uuid[])", params: fixtureUsers },
  },
  ai_model_prices: {
    select: {
      sql: "select count(*)::int as n from public.ai_model_prices where model_match = $1",
      params: fixtureModel,
    },
    insert: {
      sql: `insert into public.ai_model_prices (provider, model_match, effective_from, input_per_mtok, output_per_mtok,
              cache_write_5m_per_mtok, cache_write_1h_per_mtok, cache_read_per_mtok)
            values ($1, $2, now(), 0, 0, 0, 0, 0)`,
      params: (f) => [f.provider, f.model],
    },
    update: {
      sql: "update public.ai_model_prices set source = 'forged' where id = $1",
      params: (f) => [f.priceId],
    },
    delete: { sql: "delete from public.ai_model_prices where id = $1", params: (f) => [f.priceId] },
  },
  ai_model_aliases: {
    select: {
      sql: "select count(*)::int as n from public.ai_model_aliases where alias = $1",
      params: (f) => [f.alias],
    },
    insert: {
      sql: "insert into public.ai_model_aliases (alias, model) values ($1, $2)",
      params: (f) => [`${f.alias}-forged`, f.model],
    },
    update: {
      sql: "update public.ai_model_aliases set model = 'forged' where alias = $1",
      params: (f) => [f.alias],
    },
    delete: { sql: "delete from public.ai_model_aliases where alias = $1", params: (f) => [f.alias] },
  },
  ai_usage_settings: {
    select: { sql: "select count(*)::int as n from public.ai_usage_settings" },
    insert: { sql: "insert into public.ai_usage_settings default values" },
    update: { sql: "update public.ai_usage_settings set allow_user_self_logging = true" },
    delete: { sql: "delete from public.ai_usage_settings" },
  },
  ai_usage_daily_by_model: {
    select: {
      sql: "select count(*)::int as n from public.ai_usage_daily_by_model where model_used = $1",
      params: fixtureModel,
    },
    insert: {
      sql: `insert into public.ai_usage_daily_by_model (usage_date, request_type, provider, model_used, last_request_at)
            values (current_date, 'report', $1, $2, now())`,
      params: (f) => [f.provider, `${f.model}-other`],
    },
    update: {
      sql: "update public.ai_usage_daily_by_model set requests = requests where model_used = $1",
      params: fixtureModel,
    },
    delete: { sql: "delete from public.ai_usage_daily_by_model where model_used = $1", params: fixtureModel },
  },
  ai_usage_daily_by_user: perUserSummary("ai_usage_daily_by_user", "usage_date"),
  // One row: the fixture's day (yesterday, UTC), with its two users.
  ai_usage_daily_active_users: {
    select: {
      sql: `select count(*)::int as n from public.ai_usage_daily_active_users
            where usage_date = ${FIXTURE_DAY} and active_users = 2`,
    },
    insert: {
      sql: `insert into public.ai_usage_daily_active_users (usage_date, active_users) values (${FIXTURE_DAY} - 1000, 1)`,
    },
    update: {
      sql: `update public.ai_usage_daily_active_users set active_users = active_users where usage_date = ${FIXTURE_DAY}`,
    },
    delete: { sql: `delete from public.ai_usage_daily_active_users where usage_date = ${FIXTURE_DAY}` },
  },
  ai_usage_daily_by_customer: perUserSummary(
    "ai_usage_daily_by_customer",
    "usage_date",
    ", customer_id",
    ", 1",
  ),
  ai_usage_summary: perUserSummary("ai_usage_summary", "month"),
  ai_usage_monthly_by_customer: perUserSummary(
    "ai_usage_monthly_by_customer",
    "month",
    ", customer_id",
    ", 1",
  ),
  ai_usage_budgets: {
    select: {
      sql: "select count(*)::int as n from public.ai_usage_budgets where user_id = any($1::uuid[])",
      params: fixtureUsers,
    },
    insert: {
      sql: "insert into public.ai_usage_budgets (scope, user_id, period, limit_usd) values ('user', $1, 'day', 1)",
      params: (f) => [f.ids.userB],
    },
    update: { sql: "update public.ai_usage_budgets set name = name where id = $1", params: fixtureBudget },
    delete: { sql: "delete from public.ai_usage_budgets where id = $1", params: fixtureBudget },
  },
  ai_usage_budget_periods: {
    select: {
      sql: "select count(*)::int as n from public.ai_usage_budget_periods where budget_id = $1",
      params: fixtureBudget,
    },
    insert: {
      sql: `insert into public.ai_usage_budget_periods (budget_id, period_start, period_end)
            values ($1, now() + interval '1 year', now() + interval '13 months')`,
      params: fixtureBudget,
    },
    update: {
      sql: "update public.ai_usage_budget_periods set period_end = period_end where budget_id = $1",
      params: fixtureBudget,
    },
    delete: { sql: "delete from public.ai_usage_budget_periods where budget_id = $1", params: fixtureBudget },
  },
  ai_usage_budget_holds: {
    select: {
      sql: "select count(*)::int as n from public.ai_usage_budget_holds where user_id = any($1::uuid[])",
      params: fixtureUsers,
    },
    insert: {
      sql: `insert into public.ai_usage_budget_holds (user_id, amount_usd, expires_at)
            values ($1, 1, now() + interval '1 hour')`,
      params: (f) => [f.ids.userA],
    },
    update: {
      sql: "update public.ai_usage_budget_holds set amount_usd = amount_usd where user_id = any($1::uuid[])",
      params: fixtureUsers,
    },
    delete: {
      sql: "delete from public.ai_usage_budget_holds where user_id = any($1::uuid[])",
      params: fixtureUsers,
    },
  },
  ai_usage_budget_alerts: {
    select: {
      sql: "select count(*)::int as n from public.ai_usage_budget_alerts where budget_id = $1",
      params: fixtureBudget,
    },
    insert: {
      sql: `insert into public.ai_usage_budget_alerts (budget_id, period_start, threshold_percent, limit_usd, spent_usd)
            values ($1, now() + interval '1 year', 80, 100, 80)`,
      params: fixtureBudget,
    },
    update: {
      sql: "update public.ai_usage_budget_alerts set attempts = attempts where budget_id = $1",
      params: fixtureBudget,
    },
    delete: { sql: "delete from public.ai_usage_budget_alerts where budget_id = $1", params: fixtureBudget },
  },
  user_roles: {
    select: {
      sql: "select count(*)::int as n from public.user_roles where user_id = any($1::uuid[])",
      params: fixtureUsers,
    },
    // User B making themself an admin.
    insert: {
      sql: "insert into public.user_roles (user_id, user_role) values ($1, 'admin')",
      params: (f) => [f.ids.userB],
    },
    update: {
      sql: "update public.user_roles set user_role = 'admin' where user_id = any($1::uuid[])",
      params: fixtureUsers,
    },
    delete: { sql: "delete from public.user_roles where user_id = any($1::uuid[])", params: fixtureUsers },
  },
  _prisma_migrations: {
    select: { sql: `select count(*)::int as n from public._prisma_migrations where ${SECURITY_MIGRATION}` },
    insert: {
      sql: `insert into public._prisma_migrations (id, checksum, migration_name)
            values (gen_random_uuid()::text, repeat('0', 64), 'security-test')`,
    },
    update: {
      sql: `update public._prisma_migrations set rolled_back_at = now() where ${SECURITY_MIGRATION}`,
    },
    delete: { sql: `delete from public._prisma_migrations where ${SECURITY_MIGRATION}` },
  },
};
