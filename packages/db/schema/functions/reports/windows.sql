-- The same for customer x user rows.
CREATE FUNCTION ai_usage_private._ai_usage_customer_window(p_start date, p_end date) RETURNS TABLE(customer_id integer, user_id uuid, requests bigint, total_tokens bigint, total_cost_usd numeric)
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    SELECT d.customer_id, d.user_id, d.requests, d.total_tokens, d.total_cost_usd
    FROM public.ai_usage_daily_by_customer d
    WHERE d.usage_date >= p_start AND d.usage_date < least(p_end + 1, (ai_usage_private._ai_usage_whole_months(p_start, p_end))[1])
    UNION ALL
    SELECT d.customer_id, d.user_id, d.requests, d.total_tokens, d.total_cost_usd
    FROM public.ai_usage_daily_by_customer d
    WHERE d.usage_date >= greatest(p_start, (ai_usage_private._ai_usage_whole_months(p_start, p_end))[2]) AND d.usage_date <= p_end
    UNION ALL
    SELECT s.customer_id, s.user_id, s.requests, s.total_tokens, s.total_cost_usd
    FROM public.ai_usage_monthly_by_customer s
    WHERE s.month >= (ai_usage_private._ai_usage_whole_months(p_start, p_end))[1]
      AND s.month < (ai_usage_private._ai_usage_whole_months(p_start, p_end))[2]
    UNION ALL
    SELECT d.customer_id, d.user_id, -d.requests, -d.total_tokens, -d.total_cost_usd
    FROM public.ai_usage_daily_by_customer d
    WHERE (d.usage_date >= (ai_usage_private._ai_usage_whole_months(p_start, p_end))[1] AND d.usage_date < p_start)
       OR (d.usage_date > p_end AND d.usage_date < (ai_usage_private._ai_usage_whole_months(p_start, p_end))[2])
$$;

-- Signed per-user rows whose sums are the window's figures (a user with a net zero of requests
-- had none in the window). Four plain date ranges, so each branch is an index range scan; the
-- planner folds _ai_usage_whole_months() to constants.
CREATE FUNCTION ai_usage_private._ai_usage_user_window(p_start date, p_end date) RETURNS TABLE(user_id uuid, requests bigint, unpriced_requests bigint, input_tokens bigint, output_tokens bigint, cache_write_tokens bigint, cache_read_tokens bigint, total_tokens bigint, total_cost_usd numeric)
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    -- The window's days before the first whole month, and after the last.
    SELECT d.user_id, d.requests, d.unpriced_requests, d.input_tokens, d.output_tokens,
           d.cache_write_5m_tokens + d.cache_write_1h_tokens, d.cache_read_tokens, d.total_tokens, d.total_cost_usd
    FROM public.ai_usage_daily_by_user d
    WHERE d.usage_date >= p_start AND d.usage_date < least(p_end + 1, (ai_usage_private._ai_usage_whole_months(p_start, p_end))[1])
    UNION ALL
    SELECT d.user_id, d.requests, d.unpriced_requests, d.input_tokens, d.output_tokens,
           d.cache_write_5m_tokens + d.cache_write_1h_tokens, d.cache_read_tokens, d.total_tokens, d.total_cost_usd
    FROM public.ai_usage_daily_by_user d
    WHERE d.usage_date >= greatest(p_start, (ai_usage_private._ai_usage_whole_months(p_start, p_end))[2]) AND d.usage_date <= p_end
    UNION ALL
    -- The whole months.
    SELECT s.user_id, s.requests, s.unpriced_requests, s.input_tokens, s.output_tokens,
           s.cache_write_5m_tokens + s.cache_write_1h_tokens, s.cache_read_tokens, s.total_tokens, s.total_cost_usd
    FROM public.ai_usage_summary s
    WHERE s.month >= (ai_usage_private._ai_usage_whole_months(p_start, p_end))[1]
      AND s.month < (ai_usage_private._ai_usage_whole_months(p_start, p_end))[2]
    UNION ALL
    -- Minus the months' days outside the window.
    SELECT d.user_id, -d.requests, -d.unpriced_requests, -d.input_tokens, -d.output_tokens,
           -(d.cache_write_5m_tokens + d.cache_write_1h_tokens), -d.cache_read_tokens, -d.total_tokens, -d.total_cost_usd
    FROM public.ai_usage_daily_by_user d
    WHERE (d.usage_date >= (ai_usage_private._ai_usage_whole_months(p_start, p_end))[1] AND d.usage_date < p_start)
       OR (d.usage_date > p_end AND d.usage_date < (ai_usage_private._ai_usage_whole_months(p_start, p_end))[2])
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
-- clause would be planned and run by the SQL-function executor each time.
-- Truly IMMUTABLE: date_trunc works on timestamp (without time zone) here; on a date it would cast to
-- timestamptz first, which depends on the session's TimeZone (STABLE).
CREATE FUNCTION ai_usage_private._ai_usage_whole_months(p_start date, p_end date) RETURNS date[]
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO ''
    AS $$
DECLARE
    v_start_month date := date_trunc('month', p_start::timestamp)::date;
    v_end_month date := date_trunc('month', p_end::timestamp)::date;
    v_first_month date := CASE WHEN p_start - v_start_month < (v_start_month + interval '1 month')::date - p_start
                               THEN v_start_month
                               ELSE (v_start_month + interval '1 month')::date END;
    v_after_last_month date := CASE WHEN p_end = v_end_month THEN p_end
                                    ELSE (v_end_month + interval '1 month')::date END;
BEGIN
    RETURN CASE WHEN v_first_month < v_after_last_month THEN ARRAY[v_first_month, v_after_last_month]
                ELSE ARRAY[p_start, p_start] END;
END;
$$;

-- The report window for p_days, validated.
CREATE FUNCTION ai_usage_private._ai_usage_window(p_days integer) RETURNS TABLE(start_date date, end_date date, time_zone text)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
DECLARE
    v_tz text := ai_usage_private.ai_usage_reporting_time_zone();
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

-- Whether ranking [p_start, p_end] should prune (see _ai_usage_top_users): only when the window
-- starts mid-month and reaches into a later month, and its start edge would otherwise cost at least
-- 10 days of day rows. Below that, reading the edge for everyone is cheap, while the bounds are loose
-- (little of the window lies after its start month), so most users would stay candidates, and
-- reading hundreds of candidates by index is slower than one range scan. The threshold comes from
-- timing both on the benchmark's 10M events (`pnpm bench:mid-month` times windows ending mid-month).
-- IMMUTABLE: date_trunc on timestamp (without time zone), as in _ai_usage_whole_months.
CREATE FUNCTION ai_usage_private._ai_usage_worth_pruning(p_start date, p_end date) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
    -- The window reaches past its start month, and the start edge is 10 days or more either way.
    SELECT (date_trunc('month', p_start::timestamp) + interval '1 month')::date <= p_end
       AND least(p_start - date_trunc('month', p_start::timestamp)::date,
                 (date_trunc('month', p_start::timestamp) + interval '1 month')::date - p_start) >= 10
$$;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_customer_window(p_start date, p_end date) FROM PUBLIC, anon, authenticated, service_role;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_user_window(p_start date, p_end date) FROM PUBLIC, anon, authenticated, service_role;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_whole_months(p_start date, p_end date) FROM PUBLIC, anon, authenticated, service_role;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_window(p_days integer) FROM PUBLIC, anon, authenticated, service_role;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_worth_pruning(p_start date, p_end date) FROM PUBLIC, anon, authenticated, service_role;
