-- Report functions (the spec's names and JSON keys, plus additions) and admin functions.
-- Every report reads the summaries; only get_user_ai_usage's recent_requests reads the log, by
-- index. Windows are whole days in the reporting time zone: p_days = 30 is today and the 29 days
-- before it. Daily series list every day of the window, with zeros where nothing happened.

-- The report window for p_days, validated.
CREATE FUNCTION public._ai_usage_window(p_days integer)
RETURNS TABLE (start_date date, end_date date, time_zone text)
LANGUAGE plpgsql STABLE
SET search_path = ''
AS $$
DECLARE
    v_tz text := public.ai_usage_reporting_time_zone();
    v_today date := (now() AT TIME ZONE v_tz)::date;
BEGIN
    IF p_days IS NULL OR p_days NOT BETWEEN 1 AND 3660 THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('p_days must be a whole number of days between 1 and 3660 (got %s)', coalesce(p_days::text, 'NULL')),
            HINT = 'p_days = 30 means today and the 29 days before it, in the reporting time zone.';
    END IF;
    RETURN QUERY SELECT v_today - (p_days - 1), v_today, v_tz;
END;
$$;

-- Ranking users and customers over a window adds up their summary rows; fewer rows, faster
-- dashboard. A window [p_start, p_end] is read as whole months [months[1], months[2]) from a monthly
-- summary, plus the window's days outside those months from a daily one, minus the months' days
-- outside the window (every metric is a sum, so subtracting is exact). Each ragged end takes whichever
-- reads fewer days:
-- - at the start, p_start's month whole minus its days before p_start, or the days from p_start on;
-- - at the end, p_end's month whole minus its days after p_end, unless p_end is the 1st. The reports
--   end today, and no row is dated after tomorrow (created_at <= now() + 1 hour), so there is
--   nothing after p_end to subtract.
-- A 30-day window thus reads one or two months per user plus at most about 15 days (2 on the 28th),
-- instead of 30 days; a 365-day one about 13 months plus at most about 15 days, instead of 12
-- months and up to 60 days. No whole month in reach: months = [p_start, p_start), days only.
-- PL/pgSQL, not SQL: the planner evaluates this once per reference while planning a report (it is
-- IMMUTABLE and its arguments are known), 24 times per dashboard call; a SQL function with a FROM
-- clause would be planned and run by the SQL-function executor each time (about 6 ms in all).
CREATE FUNCTION public._ai_usage_whole_months(p_start date, p_end date)
RETURNS date[]
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    v_first_month date := CASE WHEN p_start - date_trunc('month', p_start)::date
                                    < (date_trunc('month', p_start) + interval '1 month')::date - p_start
                               THEN date_trunc('month', p_start)::date
                               ELSE (date_trunc('month', p_start) + interval '1 month')::date END;
    v_after_last_month date := CASE WHEN p_end = date_trunc('month', p_end)::date THEN p_end
                                    ELSE (date_trunc('month', p_end) + interval '1 month')::date END;
BEGIN
    RETURN CASE WHEN v_first_month < v_after_last_month THEN ARRAY[v_first_month, v_after_last_month]
                ELSE ARRAY[p_start, p_start] END;
END;
$$;

-- Signed per-user rows whose sums are the window's figures (a user with a net zero of requests
-- had none in the window). Four plain date ranges, so each branch is an index range scan; the
-- planner folds _ai_usage_whole_months() to constants.
CREATE FUNCTION public._ai_usage_user_window(p_start date, p_end date)
RETURNS TABLE (user_id uuid, requests bigint, unpriced_requests bigint, input_tokens bigint, output_tokens bigint,
               cache_write_tokens bigint, cache_read_tokens bigint, total_tokens bigint, total_cost_usd numeric)
LANGUAGE sql STABLE
AS $$
    -- The window's days before the first whole month, and after the last.
    SELECT d.user_id, d.requests, d.unpriced_requests, d.input_tokens, d.output_tokens,
           d.cache_write_5m_tokens + d.cache_write_1h_tokens, d.cache_read_tokens, d.total_tokens, d.total_cost_usd
    FROM public.ai_usage_daily_by_user d
    WHERE d.usage_date >= p_start AND d.usage_date < least(p_end + 1, (public._ai_usage_whole_months(p_start, p_end))[1])
    UNION ALL
    SELECT d.user_id, d.requests, d.unpriced_requests, d.input_tokens, d.output_tokens,
           d.cache_write_5m_tokens + d.cache_write_1h_tokens, d.cache_read_tokens, d.total_tokens, d.total_cost_usd
    FROM public.ai_usage_daily_by_user d
    WHERE d.usage_date >= greatest(p_start, (public._ai_usage_whole_months(p_start, p_end))[2]) AND d.usage_date <= p_end
    UNION ALL
    -- The whole months.
    SELECT s.user_id, s.requests, s.unpriced_requests, s.input_tokens, s.output_tokens,
           s.cache_write_5m_tokens + s.cache_write_1h_tokens, s.cache_read_tokens, s.total_tokens, s.total_cost_usd
    FROM public.ai_usage_summary s
    WHERE s.month >= (public._ai_usage_whole_months(p_start, p_end))[1]
      AND s.month < (public._ai_usage_whole_months(p_start, p_end))[2]
    UNION ALL
    -- Minus the months' days outside the window.
    SELECT d.user_id, -d.requests, -d.unpriced_requests, -d.input_tokens, -d.output_tokens,
           -(d.cache_write_5m_tokens + d.cache_write_1h_tokens), -d.cache_read_tokens, -d.total_tokens, -d.total_cost_usd
    FROM public.ai_usage_daily_by_user d
    WHERE (d.usage_date >= (public._ai_usage_whole_months(p_start, p_end))[1] AND d.usage_date < p_start)
       OR (d.usage_date > p_end AND d.usage_date < (public._ai_usage_whole_months(p_start, p_end))[2])
$$;

-- The same for customer x user rows.
CREATE FUNCTION public._ai_usage_customer_window(p_start date, p_end date)
RETURNS TABLE (customer_id integer, user_id uuid, requests bigint, total_tokens bigint, total_cost_usd numeric)
LANGUAGE sql STABLE
AS $$
    SELECT d.customer_id, d.user_id, d.requests, d.total_tokens, d.total_cost_usd
    FROM public.ai_usage_daily_by_customer d
    WHERE d.usage_date >= p_start AND d.usage_date < least(p_end + 1, (public._ai_usage_whole_months(p_start, p_end))[1])
    UNION ALL
    SELECT d.customer_id, d.user_id, d.requests, d.total_tokens, d.total_cost_usd
    FROM public.ai_usage_daily_by_customer d
    WHERE d.usage_date >= greatest(p_start, (public._ai_usage_whole_months(p_start, p_end))[2]) AND d.usage_date <= p_end
    UNION ALL
    SELECT s.customer_id, s.user_id, s.requests, s.total_tokens, s.total_cost_usd
    FROM public.ai_usage_monthly_by_customer s
    WHERE s.month >= (public._ai_usage_whole_months(p_start, p_end))[1]
      AND s.month < (public._ai_usage_whole_months(p_start, p_end))[2]
    UNION ALL
    SELECT d.customer_id, d.user_id, -d.requests, -d.total_tokens, -d.total_cost_usd
    FROM public.ai_usage_daily_by_customer d
    WHERE (d.usage_date >= (public._ai_usage_whole_months(p_start, p_end))[1] AND d.usage_date < p_start)
       OR (d.usage_date > p_end AND d.usage_date < (public._ai_usage_whole_months(p_start, p_end))[2])
$$;

-- Whether ranking [p_start, p_end] should prune (see _ai_usage_top_users): only when the window
-- starts mid-month and reaches into a later month, and its start edge would otherwise cost at least
-- 10 days of day rows. Below that, reading the edge for everyone is cheap, while the bounds are loose
-- (little of the window lies after its start month), so most users would stay candidates, and
-- reading hundreds of candidates by index is slower than one range scan. Measured on the benchmark's
-- 10M events (30-day window, server-side medians): an 8-day edge took 28.5 ms unpruned and 30.6
-- pruned; an 11-day edge 34.6 and 30.9; a 15-day edge 40.5 and 31.5.
CREATE FUNCTION public._ai_usage_worth_pruning(p_start date, p_end date)
RETURNS boolean
LANGUAGE sql IMMUTABLE
RETURN (date_trunc('month', p_start) + interval '1 month')::date <= p_end
   AND least(p_start - date_trunc('month', p_start)::date,
             (date_trunc('month', p_start) + interval '1 month')::date - p_start) >= 10;

-- The top p_limit users of [p_start, p_end] by cost (ties by id), with their window figures, and
-- on every row the number of users active in the window (active_users).
--
-- Why not simply add up every user's signed rows: a window starting mid-month needs about 15 days
-- of per-user rows at its start edge, which cost more than everything else in the dashboard. So when
-- that edge is long (_ai_usage_worth_pruning), the window is split at the 1st of the month after
-- p_start (v_split):
-- - from v_split on, every user's figures are read exactly, from month rows (minus days after p_end;
--   for a report ending today, tomorrow's at most);
-- - before it, a user's cost lies between 0 and their whole start-month row, since no cost is
--   negative (ai_usage_log_price_check).
-- A user whose upper bound is below the p_limit-th largest lower bound has at least p_limit users
-- strictly ahead of them, so cannot rank; only the rest (170 of 1,000 users in the benchmark's data,
-- mid-month) have their whole window read, by index. The ranking is exact.
-- Active users are exact too: a user was active in the window if they had requests from v_split on,
-- or if their start-month row's latest request is at or after the window's start (which is before
-- v_split, so inside the window).
CREATE FUNCTION public._ai_usage_top_users(p_start date, p_end date, p_limit integer)
RETURNS TABLE (user_id uuid, requests numeric, unpriced_requests numeric, input_tokens numeric, output_tokens numeric,
               cache_write_tokens numeric, cache_read_tokens numeric, total_tokens numeric, total_cost_usd numeric,
               active_users bigint)
LANGUAGE plpgsql STABLE
SET search_path = ''
AS $$
DECLARE
    v_start_month date := date_trunc('month', p_start)::date;
    v_split date := (date_trunc('month', p_start) + interval '1 month')::date;
    v_start_at timestamptz := p_start::timestamp AT TIME ZONE public.ai_usage_reporting_time_zone();
    v_candidates uuid[];
    v_active_users bigint;
BEGIN
    IF NOT public._ai_usage_worth_pruning(p_start, p_end) THEN
        -- Every figure for everyone in one pass: on the benchmark's data, faster than ranking on cost
        -- alone and then adding up the top p_limit's figures by index (dashboard(30) 26 ms against
        -- 28, dashboard(365) 46-50 against 51-53).
        RETURN QUERY
        SELECT u.user_id, sum(u.requests), sum(u.unpriced_requests), sum(u.input_tokens), sum(u.output_tokens),
               sum(u.cache_write_tokens), sum(u.cache_read_tokens), sum(u.total_tokens), sum(u.total_cost_usd),
               count(*) OVER ()
        FROM public._ai_usage_user_window(p_start, p_end) u
        GROUP BY u.user_id HAVING sum(u.requests) > 0
        ORDER BY sum(u.total_cost_usd) DESC, u.user_id LIMIT p_limit;
        RETURN;
    END IF;

    WITH bounds AS MATERIALIZED (
        SELECT b.user_id, sum(b.lower_cost) AS lower_cost, sum(b.lower_cost) + sum(b.start_month_cost) AS upper_cost,
               sum(b.requests) > 0 OR bool_or(b.active_in_start_month) AS active
        FROM (SELECT u.user_id, u.total_cost_usd AS lower_cost, 0 AS start_month_cost, u.requests,
                     false AS active_in_start_month
              FROM public._ai_usage_user_window(v_split, p_end) u
              UNION ALL
              SELECT s.user_id, 0, s.total_cost_usd, 0, s.last_request_at >= v_start_at
              FROM public.ai_usage_summary s WHERE s.month = v_start_month) b
        GROUP BY b.user_id
    ), cutoff AS (
        -- The p_limit-th largest lower bound; with fewer users, nobody is pruned.
        SELECT coalesce((SELECT x.lower_cost FROM bounds x ORDER BY x.lower_cost DESC OFFSET p_limit - 1 LIMIT 1), 0) AS cost
    )
    SELECT coalesce(array_agg(b.user_id) FILTER (WHERE b.upper_cost >= c.cost), '{}'),
           count(*) FILTER (WHERE b.active)
    INTO v_candidates, v_active_users
    FROM bounds b CROSS JOIN cutoff c;

    -- An array, not a join: the planner then reads each candidate's rows by index.
    RETURN QUERY
    SELECT u.user_id, sum(u.requests), sum(u.unpriced_requests), sum(u.input_tokens), sum(u.output_tokens),
           sum(u.cache_write_tokens), sum(u.cache_read_tokens), sum(u.total_tokens), sum(u.total_cost_usd),
           v_active_users
    FROM public._ai_usage_user_window(p_start, p_end) u
    WHERE u.user_id = ANY (v_candidates)
    GROUP BY u.user_id HAVING sum(u.requests) > 0
    ORDER BY sum(u.total_cost_usd) DESC, u.user_id LIMIT p_limit;
END;
$$;

-- The top p_limit customers of [p_start, p_end] by cost (ties by id), with their window figures and
-- how many users made their requests. Pruned exactly as _ai_usage_top_users is, on customer totals.
CREATE FUNCTION public._ai_usage_top_customers(p_start date, p_end date, p_limit integer)
RETURNS TABLE (customer_id integer, requests numeric, total_tokens numeric, total_cost_usd numeric, unique_users bigint)
LANGUAGE plpgsql STABLE
SET search_path = ''
AS $$
DECLARE
    v_start_month date := date_trunc('month', p_start)::date;
    v_split date := (date_trunc('month', p_start) + interval '1 month')::date;
    v_candidates integer[];
BEGIN
    IF NOT public._ai_usage_worth_pruning(p_start, p_end) THEN
        RETURN QUERY
        SELECT y.customer_id, sum(y.requests), sum(y.total_tokens), sum(y.total_cost_usd),
               count(*) FILTER (WHERE y.requests > 0)
        FROM (SELECT c.customer_id, c.user_id, sum(c.requests) AS requests, sum(c.total_tokens) AS total_tokens,
                     sum(c.total_cost_usd) AS total_cost_usd
              FROM public._ai_usage_customer_window(p_start, p_end) c
              GROUP BY c.customer_id, c.user_id) y
        GROUP BY y.customer_id HAVING sum(y.requests) > 0
        ORDER BY sum(y.total_cost_usd) DESC, y.customer_id LIMIT p_limit;
        RETURN;
    END IF;

    WITH bounds AS MATERIALIZED (
        SELECT b.customer_id, sum(b.lower_cost) AS lower_cost, sum(b.lower_cost) + sum(b.start_month_cost) AS upper_cost
        FROM (SELECT c.customer_id, c.total_cost_usd AS lower_cost, 0 AS start_month_cost
              FROM public._ai_usage_customer_window(v_split, p_end) c
              UNION ALL
              SELECT s.customer_id, 0, s.total_cost_usd
              FROM public.ai_usage_monthly_by_customer s WHERE s.month = v_start_month) b
        GROUP BY b.customer_id
    ), cutoff AS (
        SELECT coalesce((SELECT x.lower_cost FROM bounds x ORDER BY x.lower_cost DESC OFFSET p_limit - 1 LIMIT 1), 0) AS cost
    )
    SELECT coalesce(array_agg(b.customer_id) FILTER (WHERE b.upper_cost >= c.cost), '{}')
    INTO v_candidates
    FROM bounds b CROSS JOIN cutoff c;

    RETURN QUERY
    SELECT y.customer_id, sum(y.requests), sum(y.total_tokens), sum(y.total_cost_usd),
           count(*) FILTER (WHERE y.requests > 0)
    FROM (SELECT c.customer_id, c.user_id, sum(c.requests) AS requests, sum(c.total_tokens) AS total_tokens,
                 sum(c.total_cost_usd) AS total_cost_usd
          FROM public._ai_usage_customer_window(p_start, p_end) c
          WHERE c.customer_id = ANY (v_candidates)
          GROUP BY c.customer_id, c.user_id) y
    GROUP BY y.customer_id HAVING sum(y.requests) > 0
    ORDER BY sum(y.total_cost_usd) DESC, y.customer_id LIMIT p_limit;
END;
$$;

-- ----------------------------------------------------------------------------
-- get_ai_usage_dashboard: admin dashboard with costs and user breakdown (admins, server).
-- ----------------------------------------------------------------------------
CREATE FUNCTION public.get_ai_usage_dashboard(p_days integer DEFAULT 30)
RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = ''
AS $$
BEGIN
    PERFORM public._ai_usage_require_admin('get_ai_usage_dashboard');
    RETURN public._ai_usage_dashboard(p_days, NULL);
END;
$$;
COMMENT ON FUNCTION public.get_ai_usage_dashboard(integer) IS 'Admin dashboard for the last p_days whole days (1..3660) in the reporting time zone: summary, costs, by_user, by_customer, daily_trend, by_request_type, by_model, unpriced_models, current_month, previous_month, period. Admins and the server only (42501 otherwise).';

-- The dashboard's body. p_today: the window's last day, NULL for today. Only `pnpm bench:mid-month`
-- passes one, to time a window ending mid-month on a copy of the benchmark's data cut at that day:
-- the cost of a 30-day window depends on where in the month it starts.
CREATE FUNCTION public._ai_usage_dashboard(p_days integer, p_today date)
RETURNS jsonb
LANGUAGE plpgsql STABLE
SET search_path = ''
SET jit = off  -- compiling costs more than these summary reads take
AS $$
DECLARE
    w record;
    v_month date;
    v_result jsonb;
BEGIN
    SELECT * INTO w FROM public._ai_usage_window(p_days);
    IF p_today IS NOT NULL THEN
        w.start_date := p_today - (p_days - 1);
        w.end_date := p_today;
    END IF;
    v_month := date_trunc('month', w.end_date)::date;

    -- One pass over the window's day x request type x model rows; the totals and the by-type,
    -- by-model and unpriced breakdowns are all re-aggregated from its few dozen rows.
    WITH model_totals AS (
        SELECT m.request_type, m.provider, m.model_used,
               sum(m.requests) AS requests,
               sum(m.successful_requests) AS successful_requests,
               sum(m.failed_requests) AS failed_requests,
               sum(m.unpriced_requests) AS unpriced_requests,
               sum(m.priced_successful_requests) AS priced_successful_requests,
               sum(m.input_tokens) AS input_tokens,
               sum(m.output_tokens) AS output_tokens,
               sum(m.cache_write_5m_tokens + m.cache_write_1h_tokens) AS cache_write_tokens,
               sum(m.cache_read_tokens) AS cache_read_tokens,
               sum(m.total_tokens) AS total_tokens,
               sum(m.successful_tokens) AS successful_tokens,
               sum(m.unpriced_tokens) AS unpriced_tokens,
               sum(m.input_cost_usd) AS input_cost_usd,
               sum(m.output_cost_usd) AS output_cost_usd,
               sum(m.cache_write_cost_usd) AS cache_write_cost_usd,
               sum(m.cache_read_cost_usd) AS cache_read_cost_usd,
               sum(m.total_cost_usd) AS total_cost_usd,
               sum(m.successful_cost_usd) AS successful_cost_usd,
               sum(m.cache_savings_usd) AS cache_savings_usd,
               sum(m.latency_ms_sum) AS latency_ms_sum,
               sum(m.latency_count) AS latency_count,
               sum(m.successful_latency_ms_sum) AS successful_latency_ms_sum,
               sum(m.successful_latency_count) AS successful_latency_count
        FROM public.ai_usage_daily_by_model m
        WHERE m.usage_date BETWEEN w.start_date AND w.end_date
        GROUP BY m.request_type, m.provider, m.model_used
    ), totals AS (
        SELECT coalesce(sum(requests), 0) AS requests,
               coalesce(sum(successful_requests), 0) AS successful_requests,
               coalesce(sum(failed_requests), 0) AS failed_requests,
               coalesce(sum(unpriced_requests), 0) AS unpriced_requests,
               coalesce(sum(priced_successful_requests), 0) AS priced_successful_requests,
               coalesce(sum(input_tokens), 0) AS input_tokens,
               coalesce(sum(output_tokens), 0) AS output_tokens,
               coalesce(sum(cache_write_tokens), 0) AS cache_write_tokens,
               coalesce(sum(cache_read_tokens), 0) AS cache_read_tokens,
               coalesce(sum(total_tokens), 0) AS total_tokens,
               coalesce(sum(successful_tokens), 0) AS successful_tokens,
               coalesce(sum(input_cost_usd), 0) AS input_cost_usd,
               coalesce(sum(output_cost_usd), 0) AS output_cost_usd,
               coalesce(sum(cache_write_cost_usd), 0) AS cache_write_cost_usd,
               coalesce(sum(cache_read_cost_usd), 0) AS cache_read_cost_usd,
               coalesce(sum(total_cost_usd), 0) AS total_cost_usd,
               coalesce(sum(successful_cost_usd), 0) AS successful_cost_usd,
               coalesce(sum(cache_savings_usd), 0) AS cache_savings_usd,
               coalesce(sum(successful_latency_ms_sum), 0) AS successful_latency_ms_sum,
               coalesce(sum(successful_latency_count), 0) AS successful_latency_count
        FROM model_totals
    -- Users and customers are ranked by the window's signed summary rows, pruned to those who can
    -- still make the top 25 (see _ai_usage_top_users). The latest request and the e-mail address
    -- (the newest one any request carried) come from each top user's latest day rows in the window,
    -- by index: a month row may also hold requests from outside it.
    ), top_users AS (
        SELECT * FROM public._ai_usage_top_users(w.start_date, w.end_date, 25)
    ), users AS (
        SELECT t.*, t.requests - t.unpriced_requests AS priced_requests, latest.last_request, named.user_email
        FROM top_users t
        CROSS JOIN LATERAL (
            SELECT d.last_request_at AS last_request FROM public.ai_usage_daily_by_user d
            WHERE d.user_id = t.user_id AND d.usage_date BETWEEN w.start_date AND w.end_date
            ORDER BY d.usage_date DESC LIMIT 1) latest
        LEFT JOIN LATERAL (
            SELECT d.user_email FROM public.ai_usage_daily_by_user d
            WHERE d.user_id = t.user_id AND d.usage_date BETWEEN w.start_date AND w.end_date AND d.user_email IS NOT NULL
            ORDER BY d.usage_date DESC LIMIT 1) named ON true  -- one row per user and day
    ), customers AS (
        SELECT t.*, named.customer_name
        FROM public._ai_usage_top_customers(w.start_date, w.end_date, 25) t
        LEFT JOIN LATERAL (
            SELECT d.customer_name FROM public.ai_usage_daily_by_customer d
            WHERE d.customer_id = t.customer_id AND d.usage_date BETWEEN w.start_date AND w.end_date
              AND d.customer_name IS NOT NULL
            ORDER BY d.usage_date DESC, d.customer_name_at DESC, d.customer_name DESC LIMIT 1) named ON true
    ), days AS (
        SELECT d::date AS usage_date FROM generate_series(w.start_date, w.end_date, interval '1 day') d
    ), day_totals AS (
        SELECT m.usage_date, sum(m.requests) AS requests, sum(m.total_tokens) AS tokens, sum(m.total_cost_usd) AS cost
        FROM public.ai_usage_daily_by_model m WHERE m.usage_date BETWEEN w.start_date AND w.end_date
        GROUP BY m.usage_date
    ), day_users AS (
        -- Maintained with the summaries: 365 rows for a year, not a count over 365,000 user-days.
        SELECT a.usage_date, a.active_users AS unique_users
        FROM public.ai_usage_daily_active_users a WHERE a.usage_date BETWEEN w.start_date AND w.end_date
    ), month_totals AS (
        SELECT (m.usage_date >= v_month) AS is_current,
               sum(m.requests) AS requests, sum(m.total_tokens) AS tokens, sum(m.total_cost_usd) AS cost
        FROM public.ai_usage_daily_by_model m
        WHERE m.usage_date >= (v_month - interval '1 month')::date AND m.usage_date <= w.end_date
        GROUP BY 1
    )
    SELECT jsonb_build_object(
        'period', jsonb_build_object('days', p_days, 'start_date', w.start_date, 'end_date', w.end_date, 'time_zone', w.time_zone),
        'summary', (SELECT jsonb_build_object(
            'total_requests', t.requests,
            'successful_requests', t.successful_requests,
            'failed_requests', t.failed_requests,
            'total_input_tokens', t.input_tokens,
            'total_output_tokens', t.output_tokens,
            'total_cache_write_tokens', t.cache_write_tokens,
            'total_cache_read_tokens', t.cache_read_tokens,
            'total_tokens', t.total_tokens,
            'total_cost_usd', round(t.total_cost_usd, 2),
            'avg_tokens_per_request', CASE WHEN t.successful_requests > 0 THEN (t.successful_tokens::numeric / t.successful_requests)::integer ELSE 0 END,
            'avg_cost_per_request', CASE WHEN t.priced_successful_requests > 0 THEN round(t.successful_cost_usd / t.priced_successful_requests, 4) ELSE 0 END,
            'avg_latency_ms', CASE WHEN t.successful_latency_count > 0 THEN (t.successful_latency_ms_sum::numeric / t.successful_latency_count)::integer ELSE 0 END,
            'unpriced_requests', t.unpriced_requests,
            'unique_users', coalesce((SELECT max(u.active_users) FROM top_users u), 0))
            FROM totals t),
        'costs', (SELECT jsonb_build_object(
            'input_cost_usd', round(t.input_cost_usd, 2),
            'output_cost_usd', round(t.output_cost_usd, 2),
            'cache_write_cost_usd', round(t.cache_write_cost_usd, 2),
            'cache_read_cost_usd', round(t.cache_read_cost_usd, 2),
            'total_cost_usd', round(t.total_cost_usd, 2),
            'cost_per_1k_tokens', CASE WHEN t.total_tokens > 0 THEN round(t.total_cost_usd / t.total_tokens * 1000, 4) ELSE 0 END,
            'cache_savings_usd', round(t.cache_savings_usd, 2))
            FROM totals t),
        'by_user', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'user_id', u.user_id,
                'user_email', coalesce(u.user_email, 'Unknown'),
                'request_count', u.requests,
                'input_tokens', u.input_tokens,
                'output_tokens', u.output_tokens,
                'cache_write_tokens', u.cache_write_tokens,
                'cache_read_tokens', u.cache_read_tokens,
                'total_tokens', u.total_tokens,
                'total_cost', round(u.total_cost_usd, 4),
                'avg_cost_per_request', CASE WHEN u.priced_requests > 0 THEN round(u.total_cost_usd / u.priced_requests, 6) ELSE 0 END,
                'last_request', u.last_request) ORDER BY u.total_cost_usd DESC, u.user_id), '[]'::jsonb)
            FROM users u),
        'by_customer', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'customer_id', c.customer_id,
                'customer_name', coalesce(c.customer_name, 'Unknown'),
                'request_count', c.requests,
                'total_tokens', c.total_tokens,
                'total_cost', round(c.total_cost_usd, 4),
                'unique_users', c.unique_users) ORDER BY c.total_cost_usd DESC, c.customer_id), '[]'::jsonb)
            FROM customers c),
        'daily_trend', (SELECT jsonb_agg(jsonb_build_object(
                'date', d.usage_date,
                'requests', coalesce(dt.requests, 0),
                'tokens', coalesce(dt.tokens, 0),
                'cost', round(coalesce(dt.cost, 0), 4),
                'unique_users', coalesce(du.unique_users, 0)) ORDER BY d.usage_date)
            FROM days d LEFT JOIN day_totals dt USING (usage_date) LEFT JOIN day_users du USING (usage_date)),
        'by_request_type', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'request_type', x.request_type,
                'count', x.requests,
                'tokens', x.tokens,
                'cost', round(x.cost, 4),
                'avg_latency', CASE WHEN x.latency_count > 0 THEN (x.latency_sum::numeric / x.latency_count)::integer END)
                ORDER BY x.requests DESC, x.request_type), '[]'::jsonb)
            FROM (SELECT m.request_type, sum(m.requests) AS requests, sum(m.total_tokens) AS tokens,
                         sum(m.total_cost_usd) AS cost, sum(m.latency_ms_sum) AS latency_sum, sum(m.latency_count) AS latency_count
                  FROM model_totals m GROUP BY m.request_type) x),
        'by_model', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'provider', x.provider,
                'model_used', x.model_used,
                'requests', x.requests,
                'input_tokens', x.input_tokens,
                'output_tokens', x.output_tokens,
                'cache_write_tokens', x.cache_write_tokens,
                'cache_read_tokens', x.cache_read_tokens,
                'total_tokens', x.total_tokens,
                'cost', round(x.cost, 4),
                'unpriced_requests', x.unpriced_requests) ORDER BY x.cost DESC, x.provider, x.model_used), '[]'::jsonb)
            FROM (SELECT m.provider, m.model_used, sum(m.requests) AS requests, sum(m.input_tokens) AS input_tokens,
                         sum(m.output_tokens) AS output_tokens, sum(m.cache_write_tokens) AS cache_write_tokens,
                         sum(m.cache_read_tokens) AS cache_read_tokens, sum(m.total_tokens) AS total_tokens,
                         sum(m.total_cost_usd) AS cost, sum(m.unpriced_requests) AS unpriced_requests
                  FROM model_totals m GROUP BY m.provider, m.model_used) x),
        'unpriced_models', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'provider', x.provider,
                'model_used', x.model_used,
                'requests', x.requests,
                'total_tokens', x.total_tokens,
                -- A day row mixes priced and unpriced requests once a model gets a price mid-day,
                -- so the latest unpriced request comes from the log, by a partial index of them.
                'last_request', (SELECT max(l.created_at) FROM public.ai_usage_log l
                                 WHERE l.model_used = x.model_used AND l.provider = x.provider
                                   AND l.total_cost_usd IS NULL
                                   AND l.created_at >= (w.start_date::timestamp AT TIME ZONE w.time_zone)
                                   AND l.created_at < ((w.end_date + 1)::timestamp AT TIME ZONE w.time_zone)))
                ORDER BY x.requests DESC, x.provider, x.model_used), '[]'::jsonb)
            FROM (SELECT m.provider, m.model_used, sum(m.unpriced_requests) AS requests,
                         sum(m.unpriced_tokens) AS total_tokens
                  FROM model_totals m WHERE m.unpriced_requests > 0 GROUP BY m.provider, m.model_used) x),
        'current_month', (SELECT jsonb_build_object(
                'requests', coalesce(sum(x.requests), 0), 'tokens', coalesce(sum(x.tokens), 0),
                'cost_usd', round(coalesce(sum(x.cost), 0), 2))
            FROM month_totals x WHERE x.is_current),
        'previous_month', (SELECT jsonb_build_object(
                'requests', coalesce(sum(x.requests), 0), 'tokens', coalesce(sum(x.tokens), 0),
                'cost_usd', round(coalesce(sum(x.cost), 0), 2))
            FROM month_totals x WHERE NOT x.is_current)
    ) INTO v_result;
    RETURN v_result;
END;
$$;

-- ----------------------------------------------------------------------------
-- get_user_ai_usage: one user's usage; a user may read their own, admins and the server anyone's.
-- ----------------------------------------------------------------------------
CREATE FUNCTION public.get_user_ai_usage(p_user_id uuid, p_days integer DEFAULT 30)
RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = ''
SET jit = off  -- compiling costs more than these summary reads take
AS $$
DECLARE
    w record;
    v_result jsonb;
BEGIN
    IF p_user_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'p_user_id is required';
    END IF;
    IF p_user_id IS DISTINCT FROM auth.uid()
       AND NOT (public._ai_usage_caller_is_server() OR public.is_ai_usage_admin()) THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = 'permission denied: a user may read only their own AI usage',
            HINT = 'Admins may read anyone''s usage.';
    END IF;
    SELECT * INTO w FROM public._ai_usage_window(p_days);

    WITH day_rows AS (
        SELECT * FROM public.ai_usage_daily_by_user d
        WHERE d.user_id = p_user_id AND d.usage_date BETWEEN w.start_date AND w.end_date
    ), days AS (
        SELECT d::date AS usage_date FROM generate_series(w.start_date, w.end_date, interval '1 day') d
    )
    SELECT jsonb_build_object(
        'period', jsonb_build_object('days', p_days, 'start_date', w.start_date, 'end_date', w.end_date, 'time_zone', w.time_zone),
        'summary', (SELECT jsonb_build_object(
                'total_requests', coalesce(sum(r.requests), 0),
                'successful_requests', coalesce(sum(r.successful_requests), 0),
                'failed_requests', coalesce(sum(r.failed_requests), 0),
                'total_tokens', coalesce(sum(r.total_tokens), 0),
                'total_cost_usd', round(coalesce(sum(r.total_cost_usd), 0), 4),
                'avg_tokens_per_request', CASE WHEN sum(r.successful_requests) > 0
                    THEN (sum(r.successful_tokens)::numeric / sum(r.successful_requests))::integer ELSE 0 END,
                'unpriced_requests', coalesce(sum(r.unpriced_requests), 0))
            FROM day_rows r),
        'recent_requests', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'id', l.id,
                'request_id', l.request_id,
                'customer_id', l.customer_id,
                'customer_name', l.customer_name,
                'request_type', l.request_type,
                'model_used', l.model_used,
                'provider', l.provider,
                'input_tokens', l.input_tokens,
                'output_tokens', l.output_tokens,
                'cache_write_tokens', l.cache_write_5m_tokens + l.cache_write_1h_tokens,
                'cache_read_tokens', l.cache_read_tokens,
                'total_tokens', l.total_tokens,
                'cost', round(l.total_cost_usd, 6),
                'latency_ms', l.latency_ms,
                'status', l.status,
                'error_message', l.error_message,
                'created_at', l.created_at) ORDER BY l.created_at DESC, l.id), '[]'::jsonb)
            FROM (SELECT * FROM public.ai_usage_log x
                  WHERE x.user_id = p_user_id
                    AND x.created_at >= (w.start_date::timestamp AT TIME ZONE w.time_zone)
                    AND x.created_at < ((w.end_date + 1)::timestamp AT TIME ZONE w.time_zone)
                  ORDER BY x.created_at DESC, x.id LIMIT 50) l),
        'daily_usage', (SELECT jsonb_agg(jsonb_build_object(
                'date', d.usage_date,
                'requests', coalesce(r.requests, 0),
                'tokens', coalesce(r.total_tokens, 0),
                'cost', round(coalesce(r.total_cost_usd, 0), 4)) ORDER BY d.usage_date)
            FROM days d LEFT JOIN day_rows r USING (usage_date))
    ) INTO v_result;
    RETURN v_result;
END;
$$;
COMMENT ON FUNCTION public.get_user_ai_usage(uuid, integer) IS 'One user''s usage for the last p_days whole days: summary, recent_requests (newest 50), daily_usage (every day), period. The user themself, admins and the server only (42501 otherwise).';

-- ----------------------------------------------------------------------------
-- get_ai_cost_summary: cost totals for the usual periods (admins, server).
-- ----------------------------------------------------------------------------
CREATE FUNCTION public.get_ai_cost_summary()
RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = ''
SET jit = off  -- compiling costs more than these summary reads take
AS $$
DECLARE
    v_tz text := public.ai_usage_reporting_time_zone();
    v_today date := (now() AT TIME ZONE v_tz)::date;
    v_week date := date_trunc('week', v_today)::date;       -- ISO weeks start on Monday
    v_month date := date_trunc('month', v_today)::date;
    v_last_month date := (date_trunc('month', v_today) - interval '1 month')::date;
    v_result jsonb;
BEGIN
    PERFORM public._ai_usage_require_admin('get_ai_cost_summary');
    SELECT jsonb_build_object(
        'today', round(coalesce(sum(m.total_cost_usd) FILTER (WHERE m.usage_date = v_today), 0), 2),
        'yesterday', round(coalesce(sum(m.total_cost_usd) FILTER (WHERE m.usage_date = v_today - 1), 0), 2),
        'this_week', round(coalesce(sum(m.total_cost_usd) FILTER (WHERE m.usage_date >= v_week), 0), 2),
        'this_month', round(coalesce(sum(m.total_cost_usd) FILTER (WHERE m.usage_date >= v_month), 0), 2),
        'last_month', round(coalesce(sum(m.total_cost_usd) FILTER (WHERE m.usage_date >= v_last_month AND m.usage_date < v_month), 0), 2),
        'all_time', round(coalesce(sum(m.total_cost_usd), 0), 2),
        'requests_today', coalesce(sum(m.requests) FILTER (WHERE m.usage_date = v_today), 0),
        'requests_this_month', coalesce(sum(m.requests) FILTER (WHERE m.usage_date >= v_month), 0),
        'unpriced_requests_this_month', coalesce(sum(m.unpriced_requests) FILTER (WHERE m.usage_date >= v_month), 0),
        'time_zone', v_tz)
    INTO v_result
    FROM public.ai_usage_daily_by_model m;
    RETURN v_result;
END;
$$;
COMMENT ON FUNCTION public.get_ai_cost_summary() IS 'Cost totals (USD, 2 dp) for today, yesterday, this week (Monday start), this month, last month and all time, in the reporting time zone. Admins and the server only (42501 otherwise).';

-- ----------------------------------------------------------------------------
-- Admin functions
-- ----------------------------------------------------------------------------

-- Re-prices one model's rows created in [p_from, p_to) from the catalog (after a price was added or
-- corrected); a row stored with provider 'unknown' also takes the provider of its new price.
-- Only rows whose rates change are touched; the UPDATE trigger moves the cost
-- difference into every summary in the same transaction. Returns the number of rows re-priced.
CREATE FUNCTION public.reprice_ai_usage(p_model_used text, p_from timestamptz DEFAULT NULL, p_to timestamptz DEFAULT NULL)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = ''
AS $$
DECLARE
    v_count integer;
BEGIN
    PERFORM public._ai_usage_require_admin('reprice_ai_usage');
    IF p_model_used IS NULL OR length(p_model_used) = 0 THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'p_model_used is required';
    END IF;
    IF p_from IS NOT NULL AND p_to IS NOT NULL AND p_to <= p_from THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'p_to must be later than p_from';
    END IF;

    UPDATE public.ai_usage_log l
    SET provider = CASE WHEN l.provider = 'unknown' AND p.id IS NOT NULL THEN p.provider ELSE l.provider END,
        price_id = p.id,
        input_price_per_mtok = p.input_per_mtok,
        output_price_per_mtok = p.output_per_mtok,
        cache_write_5m_price_per_mtok = p.cache_write_5m_per_mtok,
        cache_write_1h_price_per_mtok = p.cache_write_1h_per_mtok,
        cache_read_price_per_mtok = p.cache_read_per_mtok
    FROM (
        -- The same rule as ingest (_ai_usage_price_applies; exact id first, then latest entry).
        -- A row stored with provider 'unknown' may now match any provider's entry.
        SELECT DISTINCT ON (x.id) x.id AS log_id, price.*
        FROM public.ai_usage_log x
        LEFT JOIN public.ai_model_prices price
            ON public._ai_usage_price_applies(price.model_match, price.provider, price.effective_from,
                                              price.effective_to, x.model_used, nullif(x.provider, 'unknown'),
                                              x.created_at)
        WHERE x.model_used = p_model_used
          AND x.created_at >= coalesce(p_from, '-infinity')
          AND x.created_at < coalesce(p_to, 'infinity')
        ORDER BY x.id, (price.model_match = x.model_used) DESC NULLS LAST, price.effective_from DESC NULLS LAST
    ) p
    WHERE l.id = p.log_id
      AND (l.provider = 'unknown' AND p.id IS NOT NULL
           OR (l.price_id, l.input_price_per_mtok, l.output_price_per_mtok, l.cache_write_5m_price_per_mtok,
           l.cache_write_1h_price_per_mtok, l.cache_read_price_per_mtok)
          IS DISTINCT FROM
          (p.id, p.input_per_mtok, p.output_per_mtok, p.cache_write_5m_per_mtok,
           p.cache_write_1h_per_mtok, p.cache_read_per_mtok));
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END;
$$;
COMMENT ON FUNCTION public.reprice_ai_usage(text, timestamptz, timestamptz) IS 'Admin: re-prices p_model_used rows created in [p_from, p_to) (NULL = unbounded) from ai_model_prices; summaries follow in the same transaction. Returns rows changed.';

-- Admin: the self-logging switch (off by default). On: authenticated users may call log_ai_usage
-- and log_ai_usage_batch for themselves only, without created_at.
CREATE FUNCTION public.set_ai_usage_self_logging(p_enabled boolean)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = ''
AS $$
BEGIN
    PERFORM public._ai_usage_require_admin('set_ai_usage_self_logging');
    IF p_enabled IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'p_enabled must be true or false';
    END IF;
    UPDATE public.ai_usage_settings SET allow_user_self_logging = p_enabled, updated_at = now();
    RETURN p_enabled;
END;
$$;

-- Admin: adds or corrects a catalog entry (rates in USD per million tokens). Existing usage keeps
-- its stored rates until reprice_ai_usage() is called for the affected model and period.
CREATE FUNCTION public.set_ai_model_price(
    p_provider text,
    p_model_match text,
    p_effective_from timestamptz,
    p_input_per_mtok numeric,
    p_output_per_mtok numeric,
    p_cache_write_5m_per_mtok numeric DEFAULT NULL,  -- NULL = 1.25 x input (Anthropic's multiplier)
    p_cache_write_1h_per_mtok numeric DEFAULT NULL,  -- NULL = 2 x input
    p_cache_read_per_mtok numeric DEFAULT NULL,      -- NULL = 0.1 x input
    p_effective_to timestamptz DEFAULT NULL,
    p_source text DEFAULT NULL
)
RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = ''
AS $$
DECLARE
    v_id bigint;
BEGIN
    PERFORM public._ai_usage_require_admin('set_ai_model_price');
    IF p_provider IS NULL OR p_model_match IS NULL OR p_effective_from IS NULL
       OR p_input_per_mtok IS NULL OR p_output_per_mtok IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = 'p_provider, p_model_match, p_effective_from, p_input_per_mtok and p_output_per_mtok are required';
    END IF;
    INSERT INTO public.ai_model_prices AS p (
        provider, model_match, effective_from, effective_to, input_per_mtok, output_per_mtok,
        cache_write_5m_per_mtok, cache_write_1h_per_mtok, cache_read_per_mtok, source)
    VALUES (p_provider, p_model_match, p_effective_from, p_effective_to, p_input_per_mtok, p_output_per_mtok,
            coalesce(p_cache_write_5m_per_mtok, p_input_per_mtok * 1.25),
            coalesce(p_cache_write_1h_per_mtok, p_input_per_mtok * 2),
            coalesce(p_cache_read_per_mtok, p_input_per_mtok * 0.1),
            p_source)
    ON CONFLICT (provider, model_match, effective_from) DO UPDATE SET
        effective_to = excluded.effective_to,
        input_per_mtok = excluded.input_per_mtok,
        output_per_mtok = excluded.output_per_mtok,
        cache_write_5m_per_mtok = excluded.cache_write_5m_per_mtok,
        cache_write_1h_per_mtok = excluded.cache_write_1h_per_mtok,
        cache_read_per_mtok = excluded.cache_read_per_mtok,
        source = excluded.source
    RETURNING p.id INTO v_id;
    RETURN v_id;
EXCEPTION WHEN check_violation THEN
    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'invalid price: ' || SQLERRM;
END;
$$;
COMMENT ON FUNCTION public.set_ai_model_price IS 'Admin: adds or corrects a price catalog entry (USD per million tokens); call reprice_ai_usage() afterwards to re-price stored usage.';
