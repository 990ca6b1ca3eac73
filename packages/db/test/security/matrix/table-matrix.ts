import { type Expectations, row } from "../support/outcome.js";

export const TABLE_ACTIONS = ["select", "insert", "update", "delete"] as const;
export type TableAction = (typeof TABLE_ACTIONS)[number];

/** Everyone refused but the server: the service role and the owner each see or change `n` rows. */
const serverOnly = (n: number) => row("42501", "42501", "42501", "42501", "42501", "42501", n, n);
/** Everyone refused but the owner, who changes `owner` (rows, or the SQLSTATE a constraint raises). */
const ownerOnly = (owner: number | "23505" | "55000") =>
  row("42501", "42501", "42501", "42501", "42501", "42501", "42501", owner);

/**
 * Direct table access, as PostgREST's /rest/v1/<table> makes it (GET = select, POST = insert,
 * PATCH = update, DELETE = delete), by every caller. A number is the rows the caller saw (select)
 * or changed; "42501" = refused. Statements and their row filters are in table-statements.ts,
 * the data in matrix-fixture.ts (user A: 2 log rows, user B: 1; user_roles: adminByRole 'admin',
 * user A 'support'). Writes to the log go through the functions only, for everyone but the owner.
 *
 * Columns: anon, user A, user B, admin by JWT, admin by user_roles, user_metadata "admin",
 * service role, owner.
 */
// biome-ignore format: a table; its columns stay aligned
export const TABLE_MATRIX = {
  //                                    anon     userA    userB    adminJwt adminRole metaAdmin service  owner
  ai_usage_log: {
    select:                         row("42501", 2,       1,       3,       3,        0,        3,       3),
    insert:                         ownerOnly(1),
    update:                         ownerOnly(3),
    delete:                         ownerOnly(3),
  },
  // Prices are public facts for signed-in users; changes go through set_ai_model_price (admins).
  ai_model_prices: {
    select:                         row("42501", 1,       1,       1,       1,        1,        1,       1),
    insert:                         ownerOnly(1),
    update:                         ownerOnly(1),
    delete:                         ownerOnly("55000"), // catalog entries are history: never deleted
  },
  // Aliases too: read by signed-in users; written through set_ai_model_alias (admins).
  ai_model_aliases: {
    select:                         row("42501", 1,       1,       1,       1,        1,        1,       1),
    insert:                         ownerOnly(1),
    update:                         ownerOnly(1),
    delete:                         ownerOnly(1),
  },
  ai_usage_settings: {
    select:                         serverOnly(1),
    insert:                         ownerOnly("23505"), // a single row
    update:                         ownerOnly(1),
    delete:                         ownerOnly(1),
  },
  ai_usage_daily_by_model:      { select: serverOnly(1), insert: ownerOnly(1), update: ownerOnly(1), delete: ownerOnly(1) },
  ai_usage_daily_by_user:       { select: serverOnly(2), insert: ownerOnly(1), update: ownerOnly(2), delete: ownerOnly(2) },
  ai_usage_daily_active_users:  { select: serverOnly(1), insert: ownerOnly(1), update: ownerOnly(1), delete: ownerOnly(1) },
  ai_usage_daily_by_customer:   { select: serverOnly(1), insert: ownerOnly(1), update: ownerOnly(1), delete: ownerOnly(1) },
  ai_usage_summary:             { select: serverOnly(2), insert: ownerOnly(1), update: ownerOnly(2), delete: ownerOnly(2) },
  ai_usage_monthly_by_customer: { select: serverOnly(1), insert: ownerOnly(1), update: ownerOnly(1), delete: ownerOnly(1) },
  // Budgets, their lock rows, holds and alerts: read and written only through the budget functions.
  ai_usage_budgets:             { select: serverOnly(1), insert: ownerOnly(1), update: ownerOnly(1), delete: ownerOnly(1) },
  ai_usage_budget_periods:      { select: serverOnly(1), insert: ownerOnly(1), update: ownerOnly(1), delete: ownerOnly(1) },
  ai_usage_budget_holds:        { select: serverOnly(1), insert: ownerOnly(1), update: ownerOnly(1), delete: ownerOnly(1) },
  ai_usage_budget_alerts:       { select: serverOnly(1), insert: ownerOnly(1), update: ownerOnly(1), delete: ownerOnly(1) },
  // Each user reads their own roles; only the server and the owner grant or revoke them.
  user_roles: {
    select:                         row("42501", 1,       0,       0,       1,        0,        2,       2),
    insert:                         row("42501", "42501", "42501", "42501", "42501",  "42501",  1,       1),
    update:                         row("42501", "42501", "42501", "42501", "42501",  "42501",  2,       2),
    delete:                         row("42501", "42501", "42501", "42501", "42501",  "42501",  2,       2),
  },
  // Prisma's migration history (with error logs): the server's business only.
  _prisma_migrations: {
    select:                         serverOnly(1),
    insert:                         serverOnly(1),
    update:                         serverOnly(1),
    delete:                         serverOnly(1),
  },
} satisfies Record<string, Record<TableAction, Expectations>>;

export type TableName = keyof typeof TABLE_MATRIX;
