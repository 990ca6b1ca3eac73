import type { MatrixFixture } from "../support/matrix-fixture.js";
import { type CallResult, scalar } from "../support/postgrest-call.js";
import type { FunctionCaseName } from "./function-matrix.js";

/** How one row of FUNCTION_MATRIX is called. */
export interface FunctionCall {
  /** The function as `pg_proc.oid::regprocedure` prints it: what the coverage check matches. */
  signature: string;
  /** The call, with named arguments, as PostgREST sends it (`select public.fn(p_a => $1)`). */
  sql: string;
  params?: (fixture: MatrixFixture) => unknown[];
  /** The value a number/boolean cell is compared with (default: the returned scalar). */
  pick?: (result: CallResult) => unknown;
}

const LOG_AI_USAGE =
  "log_ai_usage(uuid,text,integer,text,text,text,integer,integer,text,integer,integer,text,text,text,text," +
  "integer,integer,integer,timestamp with time zone,uuid,text)";

/** A key path into the jsonb a report returns. */
function json(...path: string[]): (result: CallResult) => unknown {
  return (result) =>
    path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], scalar(result));
}

/** One valid event for user A: what a PostgREST client would send in a JSON body. */
function eventsForUserA(f: MatrixFixture): string {
  return JSON.stringify([
    { user_id: f.ids.userA, model_used: f.model, provider: f.provider, input_tokens: 10 },
  ]);
}

const UTC = "quote_literal('UTC')";

export const FUNCTION_CALLS: Record<FunctionCaseName, FunctionCall> = {
  "log_ai_usage for user A": {
    signature: LOG_AI_USAGE,
    sql: "select public.log_ai_usage(p_user_id => $1, p_model_used => $2, p_provider => $3, p_input_tokens => 10)",
    params: (f) => [f.ids.userA, f.model, f.provider],
  },
  "log_ai_usage_batch for user A": {
    signature: "log_ai_usage_batch(jsonb)",
    sql: "select count(*)::int from public.log_ai_usage_batch(p_events => $1::jsonb)",
    params: (f) => [eventsForUserA(f)],
  },
  "get_ai_usage_dashboard: requests": {
    signature: "get_ai_usage_dashboard(integer)",
    sql: "select public.get_ai_usage_dashboard(p_days => 7)",
    pick: json("summary", "total_requests"),
  },
  "get_user_ai_usage of A: requests": {
    signature: "get_user_ai_usage(uuid,integer)",
    sql: "select public.get_user_ai_usage(p_user_id => $1, p_days => 7)",
    params: (f) => [f.ids.userA],
    pick: json("summary", "total_requests"),
  },
  "get_user_ai_usage of B: requests": {
    signature: "get_user_ai_usage(uuid,integer)",
    sql: "select public.get_user_ai_usage(p_user_id => $1, p_days => 7)",
    params: (f) => [f.ids.userB],
    pick: json("summary", "total_requests"),
  },
  "get_ai_cost_summary: yesterday USD": {
    signature: "get_ai_cost_summary()",
    sql: "select public.get_ai_cost_summary()",
    pick: json("yesterday"),
  },
  "reprice_ai_usage: rows re-priced": {
    signature: "reprice_ai_usage(text,timestamp with time zone,timestamp with time zone)",
    sql: "select public.reprice_ai_usage(p_model_used => $1)",
    params: (f) => [f.model],
  },
  // The fixture's 3 rows are all of the model, in the entry's period.
  "set_ai_model_price: stored rows": {
    signature:
      "set_ai_model_price(text,text,timestamp with time zone,numeric,numeric,numeric,numeric,numeric," +
      "timestamp with time zone,text,text,integer)",
    sql: `select public.set_ai_model_price(p_provider => $1, p_model_match => $2, p_effective_from => $3,
            p_input_per_mtok => 5, p_output_per_mtok => 25, p_cache_read_per_mtok => 0.5)`,
    params: (f) => [f.provider, f.model, "2000-01-01T00:00:00Z"],
    pick: json("stored_rows"),
  },
  // No stored row carries the new alias.
  "set_ai_model_alias: stored rows": {
    signature: "set_ai_model_alias(text,text,text)",
    sql: "select public.set_ai_model_alias(p_alias => $1, p_model => $2)",
    params: (f) => [`${f.model}-other-deployment`, f.model],
    pick: json("stored_rows"),
  },
  "delete_ai_model_alias of the fixture's": {
    signature: "delete_ai_model_alias(text)",
    sql: "select public.delete_ai_model_alias(p_alias => $1)",
    params: (f) => [f.alias],
  },
  "explain_ai_model_price: priced": {
    signature: "explain_ai_model_price(text,text,text,bigint,timestamp with time zone)",
    sql: "select public.explain_ai_model_price(p_model_used => $1) -> 'price' is not null",
    params: (f) => [f.alias],
  },
  "set_ai_usage_self_logging(true)": {
    signature: "set_ai_usage_self_logging(boolean)",
    sql: "select public.set_ai_usage_self_logging(p_enabled => true)",
  },
  set_ai_reporting_time_zone: {
    signature: "set_ai_reporting_time_zone(text)",
    sql: "select public.set_ai_reporting_time_zone(p_time_zone => 'Europe/Berlin')",
  },
  "rebuild_ai_usage_summaries: rows": {
    signature: "rebuild_ai_usage_summaries()",
    sql: "select public.rebuild_ai_usage_summaries()::int",
  },
  "reconcile_ai_usage_summaries: ok": {
    signature: "reconcile_ai_usage_summaries()",
    sql: "select public.reconcile_ai_usage_summaries()",
    pick: json("ok"),
  },
  "set_ai_usage_budget: project $5": {
    signature:
      "set_ai_usage_budget(text,numeric,text,text,uuid,integer,integer[],timestamp with time zone," +
      "timestamp with time zone,text)",
    sql: "select public.set_ai_usage_budget(p_scope => 'project', p_limit_usd => 5)",
  },
  "end_ai_usage_budget of A's budget": {
    signature: "end_ai_usage_budget(bigint)",
    sql: "select public.end_ai_usage_budget(p_budget_id => $1)",
    params: (f) => [f.budgetId],
  },
  "list_ai_usage_budgets: count": {
    signature: "list_ai_usage_budgets(boolean)",
    sql: "select jsonb_array_length(public.list_ai_usage_budgets())",
  },
  "get_ai_usage_budget_status of A: count": {
    signature: "get_ai_usage_budget_status(uuid,integer)",
    sql: "select jsonb_array_length(public.get_ai_usage_budget_status(p_user_id => $1))",
    params: (f) => [f.ids.userA],
  },
  "get_ai_usage_budget_status of B: count": {
    signature: "get_ai_usage_budget_status(uuid,integer)",
    sql: "select jsonb_array_length(public.get_ai_usage_budget_status(p_user_id => $1))",
    params: (f) => [f.ids.userB],
  },
  "reserve_ai_usage for A: admitted": {
    signature: "reserve_ai_usage(uuid,integer,numeric,text,bigint,bigint,text,integer,text)",
    sql: "select public.reserve_ai_usage(p_user_id => $1, p_max_cost_usd => 0.25)",
    params: (f) => [f.ids.userA],
    pick: json("admitted"),
  },
  "release_ai_usage_hold of A's hold": {
    signature: "release_ai_usage_hold(uuid)",
    sql: "select public.release_ai_usage_hold(p_hold_id => $1)",
    params: (f) => [f.holdId],
  },
  "reconcile_ai_usage_budgets: ok": {
    signature: "reconcile_ai_usage_budgets()",
    sql: "select public.reconcile_ai_usage_budgets()",
    pick: json("ok"),
  },
  "claim_ai_usage_budget_alerts: count": {
    signature: "claim_ai_usage_budget_alerts(integer,integer)",
    sql: "select jsonb_array_length(public.claim_ai_usage_budget_alerts())",
  },
  complete_ai_usage_budget_alert: {
    signature: "complete_ai_usage_budget_alert(bigint,boolean,text,integer)",
    sql: "select public.complete_ai_usage_budget_alert(p_alert_id => $1, p_delivered => true)",
    params: (f) => [f.alertId],
  },
  "list_ai_usage_budget_alerts: count": {
    signature: "list_ai_usage_budget_alerts(integer)",
    sql: "select jsonb_array_length(public.list_ai_usage_budget_alerts())",
  },
  is_ai_usage_admin: { signature: "is_ai_usage_admin()", sql: "select public.is_ai_usage_admin()" },

  ai_usage_model_candidates: {
    signature: "ai_usage_private.ai_usage_model_candidates(text)",
    sql: "select ai_usage_private.ai_usage_model_candidates(p_model_used => 'claude-sonnet-4-20250514')",
  },
  ai_usage_model_bare_id: {
    signature: "ai_usage_private.ai_usage_model_bare_id(text)",
    sql: "select ai_usage_private.ai_usage_model_bare_id(p_model_used => 'us.anthropic.claude-sonnet-4-20250514-v1:0')",
  },
  ai_usage_model_candidate_rules: {
    signature: "ai_usage_private.ai_usage_model_candidate_rules()",
    sql: "select ai_usage_private.ai_usage_model_candidate_rules()",
  },
  ai_usage_service_tiers: {
    signature: "ai_usage_private.ai_usage_service_tiers()",
    sql: "select ai_usage_private.ai_usage_service_tiers()",
  },
  _ai_usage_stored_rows_matching: {
    signature:
      "ai_usage_private._ai_usage_stored_rows_matching(text,text,integer,timestamp with time zone," +
      "timestamp with time zone)",
    sql: `select ai_usage_private._ai_usage_stored_rows_matching('claude-sonnet-4', 'standard', 0, null, null)`,
  },
  ai_usage_price_candidates: {
    signature: "ai_usage_private.ai_usage_price_candidates(text)",
    sql: "select ai_usage_private.ai_usage_price_candidates(p_model_used => 'claude-sonnet-4-20250514')",
  },
  ai_usage_price_of_candidates: {
    signature:
      "ai_usage_private.ai_usage_price_of_candidates(text[],text,text,bigint,timestamp with time zone)",
    sql: `select ai_usage_private.ai_usage_price_of_candidates(p_ids => array['claude-sonnet-4'], p_provider => null,
            p_service_tier => 'standard', p_prompt_tokens => 0, p_at => now())`,
  },
  ai_usage_price_in_force: {
    signature: "ai_usage_private.ai_usage_price_in_force(text,text,text,bigint,timestamp with time zone)",
    sql: `select ai_usage_private.ai_usage_price_in_force(p_model_used => 'claude-sonnet-4', p_provider => 'anthropic',
            p_service_tier => 'standard', p_prompt_tokens => 0, p_at => now())`,
  },
  ai_usage_reporting_time_zone: {
    signature: "ai_usage_private.ai_usage_reporting_time_zone()",
    sql: "select ai_usage_private.ai_usage_reporting_time_zone()",
  },
  _ai_usage_caller_is_server: {
    signature: "ai_usage_private._ai_usage_caller_is_server()",
    sql: "select ai_usage_private._ai_usage_caller_is_server()",
  },
  _ai_usage_require_admin: {
    signature: "ai_usage_private._ai_usage_require_admin(text)",
    sql: "select ai_usage_private._ai_usage_require_admin(p_action => 'security test')",
  },
  _ai_usage_event_keys: {
    signature: "ai_usage_private._ai_usage_event_keys()",
    sql: "select ai_usage_private._ai_usage_event_keys()",
  },
  _ai_usage_integer_problem: {
    signature: "ai_usage_private._ai_usage_integer_problem(jsonb,text,bigint,bigint)",
    sql: "select ai_usage_private._ai_usage_integer_problem(v => '2', k => 'x', lo => 0, hi => 1)",
  },
  _ai_usage_text_problem: {
    signature: "ai_usage_private._ai_usage_text_problem(jsonb,text,integer)",
    sql: `select ai_usage_private._ai_usage_text_problem(v => '"ab"', k => 'x', max_length => 1)`,
  },
  _ai_usage_to_timestamptz: {
    signature: "ai_usage_private._ai_usage_to_timestamptz(text)",
    sql: "select ai_usage_private._ai_usage_to_timestamptz(p_text => '2026-01-01T00:00:00Z')",
  },
  _ai_usage_event_problems: {
    signature: "ai_usage_private._ai_usage_event_problems(jsonb)",
    sql: "select ai_usage_private._ai_usage_event_problems(p_events => '[{}]')",
  },
  _ai_usage_parse_events: {
    signature: "ai_usage_private._ai_usage_parse_events(jsonb)",
    sql: "select ai_usage_private._ai_usage_parse_events(p_events => $1::jsonb)",
    params: (f) => [eventsForUserA(f)],
  },
  // Would store the event with no caller check at all, were it callable.
  _ai_usage_ingest: {
    signature: "ai_usage_private._ai_usage_ingest(jsonb,boolean)",
    sql: "select ai_usage_private._ai_usage_ingest(p_events => $1::jsonb, p_single => false)",
    params: (f) => [eventsForUserA(f)],
  },
  _ai_usage_summary_metrics: {
    signature: "ai_usage_private._ai_usage_summary_metrics()",
    sql: "select ai_usage_private._ai_usage_summary_metrics()",
  },
  _ai_usage_summary_tables: {
    signature: "ai_usage_private._ai_usage_summary_tables()",
    sql: "select ai_usage_private._ai_usage_summary_tables()",
  },
  _ai_usage_user_metrics: {
    signature: "ai_usage_private._ai_usage_user_metrics()",
    sql: "select ai_usage_private._ai_usage_user_metrics()",
  },
  _ai_usage_customer_metrics: {
    signature: "ai_usage_private._ai_usage_customer_metrics()",
    sql: "select ai_usage_private._ai_usage_customer_metrics()",
  },
  _ai_usage_bucket_sql: {
    signature: "ai_usage_private._ai_usage_bucket_sql(text,text)",
    sql: `select ai_usage_private._ai_usage_bucket_sql(p_bucket => 'day', p_tz => ${UTC})`,
  },
  _ai_usage_summary_select_sql: {
    signature: "ai_usage_private._ai_usage_summary_select_sql(text,text,text)",
    sql: `select ai_usage_private._ai_usage_summary_select_sql(p_table => 'ai_usage_summary', p_source => 'x', p_tz => ${UTC})`,
  },
  _ai_usage_summary_upsert_sql: {
    signature: "ai_usage_private._ai_usage_summary_upsert_sql(text,text,text)",
    sql: `select ai_usage_private._ai_usage_summary_upsert_sql(p_table => 'ai_usage_summary', p_source => 'x', p_tz => ${UTC})`,
  },
  _ai_usage_summary_write_sql: {
    signature: "ai_usage_private._ai_usage_summary_write_sql(text,text,text)",
    sql: `select ai_usage_private._ai_usage_summary_write_sql(p_table => 'ai_usage_daily_by_user', p_source => 'x', p_tz => ${UTC})`,
  },
  _ai_usage_summary_after_leave_sql: {
    signature: "ai_usage_private._ai_usage_summary_after_leave_sql(text,text,text)",
    sql: `select ai_usage_private._ai_usage_summary_after_leave_sql(p_table => 'ai_usage_summary', p_touched => 'old_rows', p_tz => ${UTC})`,
  },
  _ai_usage_rebuild_summaries: {
    signature: "ai_usage_private._ai_usage_rebuild_summaries()",
    sql: "select ai_usage_private._ai_usage_rebuild_summaries()",
  },
  _ai_usage_window: {
    signature: "ai_usage_private._ai_usage_window(integer)",
    sql: "select ai_usage_private._ai_usage_window(p_days => 7)",
  },
  _ai_usage_whole_months: {
    signature: "ai_usage_private._ai_usage_whole_months(date,date)",
    sql: "select ai_usage_private._ai_usage_whole_months(p_start => date '2026-01-15', p_end => date '2026-03-02')",
  },
  _ai_usage_user_window: {
    signature: "ai_usage_private._ai_usage_user_window(date,date)",
    sql: "select ai_usage_private._ai_usage_user_window(p_start => current_date - 7, p_end => current_date)",
  },
  _ai_usage_customer_window: {
    signature: "ai_usage_private._ai_usage_customer_window(date,date)",
    sql: "select ai_usage_private._ai_usage_customer_window(p_start => current_date - 7, p_end => current_date)",
  },
  _ai_usage_worth_pruning: {
    signature: "ai_usage_private._ai_usage_worth_pruning(date,date)",
    sql: "select ai_usage_private._ai_usage_worth_pruning(p_start => date '2026-01-15', p_end => date '2026-02-13')",
  },
  _ai_usage_top_users: {
    signature: "ai_usage_private._ai_usage_top_users(date,date,integer)",
    sql: "select ai_usage_private._ai_usage_top_users(p_start => current_date - 7, p_end => current_date, p_limit => 25)",
  },
  _ai_usage_dashboard: {
    signature: "ai_usage_private._ai_usage_dashboard(integer,date)",
    sql: "select ai_usage_private._ai_usage_dashboard(p_days => 7, p_today => null)",
  },
  _ai_usage_top_customers: {
    signature: "ai_usage_private._ai_usage_top_customers(date,date,integer)",
    sql: "select ai_usage_private._ai_usage_top_customers(p_start => current_date - 7, p_end => current_date, p_limit => 25)",
  },
  _ai_usage_budget_period: {
    signature: "ai_usage_private._ai_usage_budget_period(text,timestamp with time zone,text)",
    sql: "select ai_usage_private._ai_usage_budget_period(p_period => 'month', p_at => now(), p_zone => 'UTC')",
  },
  _ai_usage_budget_spent: {
    signature: "ai_usage_private._ai_usage_budget_spent(text,uuid,integer,date,date)",
    sql: "select ai_usage_private._ai_usage_budget_spent(p_scope => 'project', p_user_id => null, p_customer_id => null, p_first_day => current_date, p_next_day => current_date + 1)",
  },
  _ai_usage_budget_held: {
    signature: "ai_usage_private._ai_usage_budget_held(text,uuid,integer)",
    sql: "select ai_usage_private._ai_usage_budget_held(p_scope => 'project', p_user_id => null, p_customer_id => null)",
  },
  _ai_usage_budgets_covering: {
    signature: "ai_usage_private._ai_usage_budgets_covering(uuid,integer,timestamp with time zone)",
    sql: "select ai_usage_private._ai_usage_budgets_covering(p_user_id => $1, p_customer_id => null, p_at => now())",
    params: (f) => [f.ids.userA],
  },
  _ai_usage_budget_status: {
    signature: "ai_usage_private._ai_usage_budget_status(ai_usage_budgets,boolean)",
    sql: "select ai_usage_private._ai_usage_budget_status(b, true) from public.ai_usage_budgets b where b.id = $1",
    params: (f) => [f.budgetId],
  },
  _ai_usage_budget_alert_json: {
    signature: "ai_usage_private._ai_usage_budget_alert_json(ai_usage_budget_alerts)",
    sql: "select ai_usage_private._ai_usage_budget_alert_json(a) from public.ai_usage_budget_alerts a where a.id = $1",
    params: (f) => [f.alertId],
  },
  _ai_usage_log_then_budgets: {
    signature: "ai_usage_private._ai_usage_log_then_budgets()",
    sql: "select ai_usage_private._ai_usage_log_then_budgets()",
  },
  _ai_usage_log_after_insert: {
    signature: "ai_usage_private._ai_usage_log_after_insert()",
    sql: "select ai_usage_private._ai_usage_log_after_insert()",
  },
  _ai_usage_log_after_update: {
    signature: "ai_usage_private._ai_usage_log_after_update()",
    sql: "select ai_usage_private._ai_usage_log_after_update()",
  },
  _ai_usage_log_after_delete: {
    signature: "ai_usage_private._ai_usage_log_after_delete()",
    sql: "select ai_usage_private._ai_usage_log_after_delete()",
  },
  _ai_usage_log_after_truncate: {
    signature: "ai_usage_private._ai_usage_log_after_truncate()",
    sql: "select ai_usage_private._ai_usage_log_after_truncate()",
  },
  _ai_usage_log_before_update: {
    signature: "ai_usage_private._ai_usage_log_before_update()",
    sql: "select ai_usage_private._ai_usage_log_before_update()",
  },
  _ai_model_prices_keep_history: {
    signature: "ai_usage_private._ai_model_prices_keep_history()",
    sql: "select ai_usage_private._ai_model_prices_keep_history()",
  },
};
