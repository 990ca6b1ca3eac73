-- Distinct users per day, for the dashboard's daily series: counting ai_usage_daily_by_user's rows
-- of every day of a 365-day window was a pass over 365,000 rows at 10 million requests. A count of
-- distinct values cannot be added up from batches the way sums can, but the number of rows of
-- ai_usage_daily_by_user can: a user-day row that a write creates adds one, one that a delete
-- removes takes one away (generated/summary-triggers.sql, in the same statement as the upsert).
-- A summary table: kept equal to ai_usage_log by the statement triggers of
-- generated/summary-triggers.sql, in the same transaction as every write; what it counts is said in
-- functions/summaries/description.sql. Reports read summaries, never the log. No policy: only the
-- reports (SECURITY DEFINER) and the server read it.
CREATE TABLE public.ai_usage_daily_active_users (
    usage_date date NOT NULL,
    active_users bigint NOT NULL
);

COMMENT ON TABLE public.ai_usage_daily_active_users IS 'Per day (reporting zone): distinct users, i.e. the rows of ai_usage_daily_by_user for that day. Days with none have no row.';

ALTER TABLE ONLY public.ai_usage_daily_active_users
    ADD CONSTRAINT ai_usage_daily_active_users_pkey PRIMARY KEY (usage_date);

ALTER TABLE public.ai_usage_daily_active_users ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.ai_usage_daily_active_users FROM PUBLIC, anon, authenticated, service_role;
GRANT SELECT ON TABLE public.ai_usage_daily_active_users TO service_role;
