-- The top p_limit customers of [p_start, p_end] by cost (ties by id), with their window figures and
-- how many users made their requests. Pruned exactly as _ai_usage_top_users is, on customer totals.
CREATE FUNCTION ai_usage_private._ai_usage_top_customers(p_start date, p_end date, p_limit integer) RETURNS TABLE(customer_id integer, requests numeric, total_tokens numeric, total_cost_usd numeric, unique_users bigint)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
DECLARE
    v_start_month date := date_trunc('month', p_start)::date;
    v_split date := (date_trunc('month', p_start) + interval '1 month')::date;
    v_candidates integer[];
BEGIN
    IF NOT ai_usage_private._ai_usage_worth_pruning(p_start, p_end) THEN
        RETURN QUERY
        SELECT y.customer_id, sum(y.requests), sum(y.total_tokens), sum(y.total_cost_usd),
               count(*) FILTER (WHERE y.requests > 0)
        FROM (SELECT c.customer_id, c.user_id, sum(c.requests) AS requests, sum(c.total_tokens) AS total_tokens,
                     sum(c.total_cost_usd) AS total_cost_usd
              FROM ai_usage_private._ai_usage_customer_window(p_start, p_end) c
              GROUP BY c.customer_id, c.user_id) y
        GROUP BY y.customer_id HAVING sum(y.requests) > 0
        ORDER BY sum(y.total_cost_usd) DESC, y.customer_id LIMIT p_limit;
        RETURN;
    END IF;

    WITH bounds AS MATERIALIZED (
        SELECT b.customer_id, sum(b.lower_cost) AS lower_cost, sum(b.lower_cost) + sum(b.start_month_cost) AS upper_cost
        FROM (SELECT c.customer_id, c.total_cost_usd AS lower_cost, 0 AS start_month_cost
              FROM ai_usage_private._ai_usage_customer_window(v_split, p_end) c
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
          FROM ai_usage_private._ai_usage_customer_window(p_start, p_end) c
          WHERE c.customer_id = ANY (v_candidates)
          GROUP BY c.customer_id, c.user_id) y
    GROUP BY y.customer_id HAVING sum(y.requests) > 0
    ORDER BY sum(y.total_cost_usd) DESC, y.customer_id LIMIT p_limit;
END;
$$;

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
CREATE FUNCTION ai_usage_private._ai_usage_top_users(p_start date, p_end date, p_limit integer) RETURNS TABLE(user_id uuid, requests numeric, unpriced_requests numeric, input_tokens numeric, output_tokens numeric, cache_write_tokens numeric, cache_read_tokens numeric, total_tokens numeric, total_cost_usd numeric, active_users bigint)
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
DECLARE
    v_start_month date := date_trunc('month', p_start)::date;
    v_split date := (date_trunc('month', p_start) + interval '1 month')::date;
    v_start_at timestamptz := p_start::timestamp AT TIME ZONE ai_usage_private.ai_usage_reporting_time_zone();
    v_candidates uuid[];
    v_active_users bigint;
BEGIN
    IF NOT ai_usage_private._ai_usage_worth_pruning(p_start, p_end) THEN
        -- Every figure for everyone in one pass: on the benchmark's data, faster than ranking on cost
        -- alone and then adding up the top p_limit's figures by index (`pnpm bench` times both).
        RETURN QUERY
        SELECT u.user_id, sum(u.requests), sum(u.unpriced_requests), sum(u.input_tokens), sum(u.output_tokens),
               sum(u.cache_write_tokens), sum(u.cache_read_tokens), sum(u.total_tokens), sum(u.total_cost_usd),
               count(*) OVER ()
        FROM ai_usage_private._ai_usage_user_window(p_start, p_end) u
        GROUP BY u.user_id HAVING sum(u.requests) > 0
        ORDER BY sum(u.total_cost_usd) DESC, u.user_id LIMIT p_limit;
        RETURN;
    END IF;

    WITH bounds AS MATERIALIZED (
        SELECT b.user_id, sum(b.lower_cost) AS lower_cost, sum(b.lower_cost) + sum(b.start_month_cost) AS upper_cost,
               sum(b.requests) > 0 OR bool_or(b.active_in_start_month) AS active
        FROM (SELECT u.user_id, u.total_cost_usd AS lower_cost, 0 AS start_month_cost, u.requests,
                     false AS active_in_start_month
              FROM ai_usage_private._ai_usage_user_window(v_split, p_end) u
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
    FROM ai_usage_private._ai_usage_user_window(p_start, p_end) u
    WHERE u.user_id = ANY (v_candidates)
    GROUP BY u.user_id HAVING sum(u.requests) > 0
    ORDER BY sum(u.total_cost_usd) DESC, u.user_id LIMIT p_limit;
END;
$$;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_top_customers(p_start date, p_end date, p_limit integer) FROM PUBLIC, anon, authenticated, service_role;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_top_users(p_start date, p_end date, p_limit integer) FROM PUBLIC, anon, authenticated, service_role;
