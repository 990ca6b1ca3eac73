-- The period of a budget that contains p_at: day, ISO week (from Monday) or calendar month of the
-- reporting time zone, as instants [period_start, period_end) and as the reporting-zone days the
-- summaries are keyed by [first_day, next_day). The summaries count a request on the reporting-zone
-- day of its created_at, so "spent in the period" read from them is exactly the log's rows with
-- period_start <= created_at < period_end.
CREATE FUNCTION ai_usage_private._ai_usage_budget_period(p_period text, p_at timestamp with time zone, p_zone text) RETURNS TABLE(period_start timestamp with time zone, period_end timestamp with time zone, first_day date, next_day date)
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    SELECT d.first_local AT TIME ZONE p_zone,
           (d.first_local + ('1 ' || p_period)::interval) AT TIME ZONE p_zone,
           d.first_local::date,
           (d.first_local + ('1 ' || p_period)::interval)::date
    FROM (SELECT date_trunc(p_period, p_at AT TIME ZONE p_zone) AS first_local) d
$$;

COMMENT ON FUNCTION ai_usage_private._ai_usage_budget_period(p_period text, p_at timestamp with time zone, p_zone text) IS 'The day, week or month (reporting zone p_zone) containing p_at: its bounds as instants and as summary days.';

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_budget_period(p_period text, p_at timestamp with time zone, p_zone text) FROM PUBLIC, anon, authenticated, service_role;
