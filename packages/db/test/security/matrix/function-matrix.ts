import { type Expectations, OWNER_ONLY, row } from "../support/outcome.js";

/** Trigger functions: nobody may call them; the owner may, and PostgreSQL refuses the call itself. */
const TRIGGER_ONLY = row("42501", "42501", "42501", "42501", "42501", "42501", "42501", "0A000");

/**
 * Who may call what: every function of the schema, called by every caller the way PostgREST calls it
 * (see function-calls.ts for each case's call and what its number means; matrix-fixture.ts for the
 * data). "42501" = refused; "ok" = allowed; a number or boolean = allowed and returned exactly that.
 * Numbers count the fixture: user A has 2 requests, user B 1, yesterday cost $3.
 *
 * Columns: anon, user A, user B, admin by JWT app_metadata, admin by user_roles row, a user whose
 * user_metadata says admin, the service role, the owner (a direct connection, no role set).
 */
// biome-ignore format: a table; its columns stay aligned
export const FUNCTION_MATRIX = {
  //                                          anon     userA    userB    adminJwt adminRole metaAdmin service  owner
  // Logging: the server logs for anyone; users only when self-logging is on (self-logging.test.ts).
  "log_ai_usage for user A":              row("42501", "42501", "42501", "42501", "42501",  "42501",  "ok",    "ok"),
  "log_ai_usage_batch for user A":        row("42501", "42501", "42501", "42501", "42501",  "42501",  1,       1),
  // Reports: admins and the server see everything; a user only their own usage.
  "get_ai_usage_dashboard: requests":     row("42501", "42501", "42501", 3,       3,        "42501",  3,       3),
  "get_user_ai_usage of A: requests":     row("42501", 2,       "42501", 2,       2,        "42501",  2,       2),
  "get_user_ai_usage of B: requests":     row("42501", "42501", 1,       1,       1,        "42501",  1,       1),
  "get_ai_cost_summary: yesterday USD":   row("42501", "42501", "42501", 3,       3,        "42501",  3,       3),
  // Admin functions.
  "reprice_ai_usage: rows re-priced":     row("42501", "42501", "42501", 3,       3,        "42501",  3,       3),
  "set_ai_model_price: stored rows":      row("42501", "42501", "42501", 3,       3,        "42501",  3,       3),
  "set_ai_model_alias: stored rows":      row("42501", "42501", "42501", 0,       0,        "42501",  0,       0),
  "delete_ai_model_alias of the fixture's": row("42501", "42501", "42501", true,  true,     "42501",  true,    true),
  // The price rule explained: anyone signed in (the catalog is readable to them) and the server.
  "explain_ai_model_price: priced":       row("42501", true,    true,    true,    true,     true,     true,    true),
  "set_ai_usage_self_logging(true)":      row("42501", "42501", "42501", true,    true,     "42501",  true,    true),
  "set_ai_reporting_time_zone":           row("42501", "42501", "42501", "ok",    "ok",     "42501",  "ok",    "ok"),
  "rebuild_ai_usage_summaries: rows":     row("42501", "42501", "42501", 3,       3,        "42501",  3,       3),
  "reconcile_ai_usage_summaries: ok":     row("42501", "42501", "42501", true,    true,     "42501",  true,    true),
  // Budgets: admins and the server manage and list them; a user reads only their own status;
  // admission, holds and the alert outbox are the server's (budgets/).
  "set_ai_usage_budget: project $5":      row("42501", "42501", "42501", "ok",    "ok",     "42501",  "ok",    "ok"),
  "end_ai_usage_budget of A's budget":    row("42501", "42501", "42501", "ok",    "ok",     "42501",  "ok",    "ok"),
  "list_ai_usage_budgets: count":         row("42501", "42501", "42501", 1,       1,        "42501",  1,       1),
  "get_ai_usage_budget_status of A: count": row("42501", 1,     "42501", 1,       1,        "42501",  1,       1),
  "get_ai_usage_budget_status of B: count": row("42501", "42501", 0,     0,       0,        "42501",  0,       0),
  "reserve_ai_usage for A: admitted":     row("42501", "42501", "42501", "42501", "42501",  "42501",  true,    true),
  "release_ai_usage_hold of A's hold":    row("42501", "42501", "42501", "42501", "42501",  "42501",  true,    true),
  "reconcile_ai_usage_budgets: ok":       row("42501", "42501", "42501", true,    true,     "42501",  true,    true),
  "claim_ai_usage_budget_alerts: count":  row("42501", "42501", "42501", "42501", "42501",  "42501",  1,       1),
  "complete_ai_usage_budget_alert":       row("42501", "42501", "42501", "42501", "42501",  "42501",  "ok",    "ok"),
  "list_ai_usage_budget_alerts: count":   row("42501", "42501", "42501", 1,       1,        "42501",  1,       1),
  // The admin test itself (used by the log's RLS policy, so signed-in users may call it).
  "is_ai_usage_admin":                    row("42501", false,   false,   true,    true,     false,    false,   false),

  // Internal helpers, in schema ai_usage_private (the API roles have no USAGE on it): only ever run
  // inside the SECURITY DEFINER functions above, as the owner.
  "ai_usage_model_candidates":            OWNER_ONLY,
  "ai_usage_model_bare_id":               OWNER_ONLY,
  "ai_usage_model_candidate_rules":       OWNER_ONLY,
  "ai_usage_service_tiers":               OWNER_ONLY,
  "_ai_usage_stored_rows_matching":       OWNER_ONLY,
  "ai_usage_price_in_force":              OWNER_ONLY,
  "ai_usage_price_candidates":            OWNER_ONLY,
  "ai_usage_price_of_candidates":         OWNER_ONLY,
  "ai_usage_reporting_time_zone":         OWNER_ONLY,
  "_ai_usage_caller_is_server":           OWNER_ONLY,
  "_ai_usage_require_admin":              OWNER_ONLY,
  "_ai_usage_integer_problem":            OWNER_ONLY,
  "_ai_usage_text_problem":               OWNER_ONLY,
  "_ai_usage_to_timestamptz":             OWNER_ONLY,
  "_ai_usage_event_keys":                 OWNER_ONLY,
  "_ai_usage_event_problems":             OWNER_ONLY,
  "_ai_usage_parse_events":               OWNER_ONLY,
  "_ai_usage_ingest":                     OWNER_ONLY,
  "_ai_usage_summary_metrics":            OWNER_ONLY,
  "_ai_usage_summary_tables":             OWNER_ONLY,
  "_ai_usage_user_metrics":               OWNER_ONLY,
  "_ai_usage_customer_metrics":           OWNER_ONLY,
  "_ai_usage_bucket_sql":                 OWNER_ONLY,
  "_ai_usage_summary_select_sql":         OWNER_ONLY,
  "_ai_usage_summary_upsert_sql":         OWNER_ONLY,
  "_ai_usage_summary_write_sql":          OWNER_ONLY,
  "_ai_usage_summary_after_leave_sql":    OWNER_ONLY,
  "_ai_usage_rebuild_summaries":          OWNER_ONLY,
  "_ai_usage_window":                     OWNER_ONLY,
  "_ai_usage_whole_months":               OWNER_ONLY,
  "_ai_usage_user_window":                OWNER_ONLY,
  "_ai_usage_customer_window":            OWNER_ONLY,
  "_ai_usage_worth_pruning":              OWNER_ONLY,
  "_ai_usage_top_users":                  OWNER_ONLY,
  "_ai_usage_top_customers":              OWNER_ONLY,
  "_ai_usage_dashboard":                  OWNER_ONLY,
  "_ai_usage_budget_period":              OWNER_ONLY,
  "_ai_usage_budget_spent":               OWNER_ONLY,
  "_ai_usage_budget_held":                OWNER_ONLY,
  "_ai_usage_budgets_covering":           OWNER_ONLY,
  "_ai_usage_budget_status":              OWNER_ONLY,
  "_ai_usage_budget_alert_json":          OWNER_ONLY,
  "_ai_usage_log_then_budgets":           TRIGGER_ONLY,
  "_ai_usage_log_after_insert":           TRIGGER_ONLY,
  "_ai_usage_log_after_update":           TRIGGER_ONLY,
  "_ai_usage_log_after_delete":           TRIGGER_ONLY,
  "_ai_usage_log_after_truncate":         TRIGGER_ONLY,
  "_ai_usage_log_before_update":          TRIGGER_ONLY,
  "_ai_model_prices_keep_history":        TRIGGER_ONLY,
} satisfies Record<string, Expectations>;

export type FunctionCaseName = keyof typeof FUNCTION_MATRIX;
