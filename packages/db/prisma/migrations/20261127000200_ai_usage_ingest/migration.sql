-- Pricing lookup, caller checks, event validation and the two ingest functions
-- (log_ai_usage for one event, log_ai_usage_batch for many). Both go through _ai_usage_ingest, so
-- validation, pricing and idempotency have exactly one implementation.
-- Internal helpers are named _ai_usage_*; the security migration revokes them from every API role.

-- ----------------------------------------------------------------------------
-- Pricing
-- ----------------------------------------------------------------------------

-- The family of a model id: a trailing date (claude-sonnet-4-20250514, gpt-4o-2024-08-06) or
-- "-latest" removed. Never a prefix match: gpt-4o must not price gpt-4o-mini.
CREATE FUNCTION public.ai_usage_model_family(p_model_used text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN regexp_replace(p_model_used, '-([0-9]{8}|[0-9]{4}-[0-9]{2}-[0-9]{2}|latest)$', '');

-- The catalog entry in force for a model at a moment: exact id before family, then the latest
-- effective_from. A plain SQL function (no SET clause, qualified names) so the planner inlines it
-- into the ingest query. p_provider NULL = any provider.
CREATE FUNCTION public.ai_usage_price_in_force(p_model_used text, p_provider text, p_at timestamptz)
RETURNS SETOF public.ai_model_prices
LANGUAGE sql STABLE
AS $$
    SELECT p.*
    FROM public.ai_model_prices p
    WHERE p.model_match IN (p_model_used, public.ai_usage_model_family(p_model_used))
      AND (p_provider IS NULL OR p.provider = p_provider)
      AND p.effective_from <= p_at
      AND (p.effective_to IS NULL OR p_at < p.effective_to)
    ORDER BY (p.model_match = p_model_used) DESC, p.effective_from DESC
    LIMIT 1
$$;

-- ----------------------------------------------------------------------------
-- Who is calling
-- ----------------------------------------------------------------------------

-- True for the server side: the service role, the table owner or any other database role that was
-- granted EXECUTE (a direct connection), false for PostgREST's anon and authenticated roles.
-- current_setting('role') is what PostgREST set with set_config('role', ..., true); SECURITY
-- DEFINER changes current_user but not this setting, so it still names the caller inside them.
CREATE FUNCTION public._ai_usage_caller_is_server()
RETURNS boolean
LANGUAGE sql STABLE
AS $$
    SELECT coalesce(nullif(current_setting('role', true), 'none'), session_user::text)
           NOT IN ('anon', 'authenticated')
$$;

-- An AI usage admin: app_metadata.role = 'admin' in the JWT (app_metadata is not user-editable;
-- user_metadata is, and never counts), or a user_roles row with user_role = 'admin'.
-- SECURITY DEFINER so it can read user_roles whatever that table's RLS says.
CREATE FUNCTION public.is_ai_usage_admin()
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = ''
AS $$
    SELECT coalesce(auth.jwt() -> 'app_metadata' ->> 'role' = 'admin', false)
        OR EXISTS (
            SELECT 1 FROM public.user_roles r
            WHERE r.user_id = auth.uid() AND r.user_role = 'admin'
        )
$$;
COMMENT ON FUNCTION public.is_ai_usage_admin() IS 'True when the caller is an AI usage admin: JWT app_metadata.role = ''admin'' or a user_roles row with user_role = ''admin''. user_metadata never counts.';

-- Raises 42501 unless the caller is the server or an admin.
CREATE FUNCTION public._ai_usage_require_admin(p_action text)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = ''
AS $$
BEGIN
    IF NOT (public._ai_usage_caller_is_server() OR public.is_ai_usage_admin()) THEN
        RAISE EXCEPTION USING
            ERRCODE = '42501',
            MESSAGE = format('permission denied: %s is for AI usage admins', p_action),
            HINT = 'An admin has app_metadata.role = ''admin'' in the JWT or a user_roles row with user_role = ''admin''.';
    END IF;
END;
$$;

-- ----------------------------------------------------------------------------
-- Validation: each helper returns NULL when the field is fine, else a message naming the field.
-- They are single-expression SQL functions marked STABLE (as their bodies are: format() is STABLE)
-- so the planner inlines them into the ingest query: a SQL function that is not inlined is planned
-- again on every call, which measured 0.7 ms per event.
-- ----------------------------------------------------------------------------

CREATE FUNCTION public._ai_usage_integer_problem(e jsonb, k text, lo bigint, hi bigint)
RETURNS text
LANGUAGE sql STABLE
AS $$
    SELECT CASE
        WHEN jsonb_typeof(e -> k) IS NULL OR jsonb_typeof(e -> k) = 'null' THEN NULL
        WHEN jsonb_typeof(e -> k) <> 'number' THEN format('%s must be an integer (got %s)', k, jsonb_typeof(e -> k))
        WHEN (e ->> k)::numeric <> trunc((e ->> k)::numeric) OR (e ->> k)::numeric NOT BETWEEN lo AND hi
            THEN format('%s must be an integer between %s and %s (got %s)', k, lo, hi, e ->> k)
    END
$$;

-- nullable = false: an explicit JSON null is an error (the field has a default; leave it out instead).
CREATE FUNCTION public._ai_usage_text_problem(e jsonb, k text, max_length integer, nullable boolean)
RETURNS text
LANGUAGE sql STABLE
AS $$
    SELECT CASE
        WHEN jsonb_typeof(e -> k) IS NULL THEN NULL
        WHEN jsonb_typeof(e -> k) = 'null' THEN CASE WHEN NOT nullable THEN k || ' must not be null' END
        WHEN jsonb_typeof(e -> k) <> 'string' THEN format('%s must be a string (got %s)', k, jsonb_typeof(e -> k))
        WHEN length(e ->> k) = 0 THEN k || ' must not be empty'
        WHEN length(e ->> k) > max_length
            THEN format('%s must be at most %s characters (got %s)', k, max_length, length(e ->> k))
    END
$$;

-- A timestamptz from text, or NULL when it does not parse (only reached for well-shaped strings).
CREATE FUNCTION public._ai_usage_to_timestamptz(p_text text)
RETURNS timestamptz
LANGUAGE plpgsql STABLE
AS $$
BEGIN
    RETURN p_text::timestamptz;
EXCEPTION WHEN others THEN
    RETURN NULL;
END;
$$;

CREATE FUNCTION public._ai_usage_event_problem(e jsonb)
RETURNS text
LANGUAGE sql STABLE
AS $$
    SELECT CASE
        WHEN jsonb_typeof(e) IS DISTINCT FROM 'object' THEN 'must be a JSON object'
        -- Unknown keys (typos) are caught first, by _ai_usage_ingest, set-based.
        ELSE coalesce(
            CASE
                WHEN jsonb_typeof(e -> 'user_id') IS NULL OR jsonb_typeof(e -> 'user_id') = 'null'
                    THEN 'user_id is required'
                WHEN jsonb_typeof(e -> 'user_id') <> 'string'
                     OR e ->> 'user_id' !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                    THEN 'user_id must be a UUID'
            END,
            public._ai_usage_text_problem(e, 'request_id', 200, true),
            public._ai_usage_text_problem(e, 'user_email', 320, true),
            public._ai_usage_integer_problem(e, 'customer_id', -2147483648, 2147483647),
            public._ai_usage_text_problem(e, 'customer_name', 200, true),
            public._ai_usage_text_problem(e, 'request_type', 64, false),
            public._ai_usage_text_problem(e, 'session_id', 200, true),
            public._ai_usage_text_problem(e, 'model_used', 200, false),
            public._ai_usage_text_problem(e, 'provider', 64, true),
            public._ai_usage_integer_problem(e, 'input_tokens', 0, 100000000),
            public._ai_usage_integer_problem(e, 'output_tokens', 0, 100000000),
            public._ai_usage_integer_problem(e, 'cache_write_5m_tokens', 0, 100000000),
            public._ai_usage_integer_problem(e, 'cache_write_1h_tokens', 0, 100000000),
            public._ai_usage_integer_problem(e, 'cache_read_tokens', 0, 100000000),
            public._ai_usage_integer_problem(e, 'tool_turns', 0, 100000000),
            public._ai_usage_integer_problem(e, 'latency_ms', 0, 86400000),
            public._ai_usage_text_problem(e, 'status', 16, false),
            CASE WHEN jsonb_typeof(e -> 'status') = 'string' AND e ->> 'status' NOT IN ('success', 'error')
                THEN format('status must be ''success'' or ''error'' (got %s)', e ->> 'status') END,
            public._ai_usage_text_problem(e, 'error_message', 4000, true),
            CASE
                WHEN jsonb_typeof(e -> 'created_at') IS NULL OR jsonb_typeof(e -> 'created_at') = 'null' THEN NULL
                WHEN jsonb_typeof(e -> 'created_at') <> 'string'
                     OR e ->> 'created_at' !~ '^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}(:?\d{2})?)$'
                     OR public._ai_usage_to_timestamptz(e ->> 'created_at') IS NULL
                    THEN 'created_at must be an ISO 8601 timestamp with a time zone, e.g. 2026-01-31T12:00:00Z'
                WHEN (e ->> 'created_at')::timestamptz > now() + interval '1 hour'
                    THEN 'created_at must not be in the future'
                WHEN (e ->> 'created_at')::timestamptz < '2000-01-01T00:00:00Z'
                    THEN 'created_at must be after 2000-01-01'
            END
        )
    END
$$;

-- Events as typed rows, defaults applied. Only called after validation, so the casts cannot fail.
CREATE FUNCTION public._ai_usage_parse_events(p_events jsonb)
RETURNS TABLE (
    event_index integer, request_id text, user_id uuid, user_email text, customer_id integer,
    customer_name text, request_type text, session_id text, provider text, model_used text,
    input_tokens integer, output_tokens integer, cache_write_5m_tokens integer,
    cache_write_1h_tokens integer, cache_read_tokens integer, latency_ms integer, tool_turns integer,
    status text, error_message text, created_at timestamptz)
LANGUAGE sql STABLE
AS $$
    SELECT (a.o - 1)::integer,
           a.e ->> 'request_id',
           (a.e ->> 'user_id')::uuid,
           a.e ->> 'user_email',
           (a.e ->> 'customer_id')::numeric::integer,
           a.e ->> 'customer_name',
           coalesce(a.e ->> 'request_type', 'report'),
           a.e ->> 'session_id',
           a.e ->> 'provider',
           coalesce(a.e ->> 'model_used', 'claude-sonnet-4-20250514'),
           coalesce((a.e ->> 'input_tokens')::numeric::integer, 0),
           coalesce((a.e ->> 'output_tokens')::numeric::integer, 0),
           coalesce((a.e ->> 'cache_write_5m_tokens')::numeric::integer, 0),
           coalesce((a.e ->> 'cache_write_1h_tokens')::numeric::integer, 0),
           coalesce((a.e ->> 'cache_read_tokens')::numeric::integer, 0),
           (a.e ->> 'latency_ms')::numeric::integer,
           coalesce((a.e ->> 'tool_turns')::numeric::integer, 0),
           coalesce(a.e ->> 'status', 'success'),
           a.e ->> 'error_message',
           coalesce((a.e ->> 'created_at')::timestamptz, now())
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS a(e, o)
$$;

-- ----------------------------------------------------------------------------
-- Ingest
-- ----------------------------------------------------------------------------

-- Validates, authorises, prices and stores events; returns one row per event in input order.
-- p_single only changes how messages are worded (no "event N:" prefix for log_ai_usage).
CREATE FUNCTION public._ai_usage_ingest(p_events jsonb, p_single boolean)
RETURNS TABLE (event_index integer, id uuid, request_id text, inserted boolean)
LANGUAGE plpgsql VOLATILE
SET search_path = ''
AS $$
#variable_conflict use_column
DECLARE
    v_count integer;
    v_problem record;
    v_uid uuid;
    v_inserted text[];
    v_missing integer;
BEGIN
    IF p_events IS NULL OR jsonb_typeof(p_events) <> 'array' THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'events must be a JSON array of usage event objects';
    END IF;
    v_count := jsonb_array_length(p_events);
    IF v_count = 0 THEN
        RETURN;
    ELSIF v_count > 10000 THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('a batch holds at most 10000 events (got %s); split it', v_count);
    END IF;

    -- The first problem wins: by event, then unknown fields before bad values.
    SELECT x.idx, x.problem INTO v_problem
    FROM (
        SELECT (a.o - 1)::integer AS idx, 0 AS rank, 'unknown field ' || k.key AS problem
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS a(e, o)
        CROSS JOIN LATERAL jsonb_object_keys(CASE WHEN jsonb_typeof(a.e) = 'object' THEN a.e ELSE '{}' END) AS k(key)
        WHERE k.key <> ALL (ARRAY[
            'user_id', 'user_email', 'customer_id', 'customer_name', 'request_type', 'session_id',
            'input_tokens', 'output_tokens', 'cache_write_5m_tokens', 'cache_write_1h_tokens',
            'cache_read_tokens', 'model_used', 'provider', 'latency_ms', 'tool_turns', 'status',
            'error_message', 'request_id', 'created_at'])
        UNION ALL
        SELECT v.idx, 1, v.problem
        FROM (SELECT (a.o - 1)::integer AS idx, public._ai_usage_event_problem(a.e) AS problem
              FROM jsonb_array_elements(p_events) WITH ORDINALITY AS a(e, o)) v
        WHERE v.problem IS NOT NULL
    ) x
    ORDER BY x.idx, x.rank, x.problem
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = CASE WHEN p_single THEN v_problem.problem
                           ELSE format('event %s: %s', v_problem.idx, v_problem.problem) END;
    END IF;

    -- Users may log only their own usage, at the current time, and only when the switch is on.
    IF NOT public._ai_usage_caller_is_server() THEN
        IF NOT (SELECT s.allow_user_self_logging FROM public.ai_usage_settings s) THEN
            RAISE EXCEPTION USING ERRCODE = '42501',
                MESSAGE = 'permission denied: usage is logged by the server (service role)',
                HINT = 'An admin can let users log their own usage with set_ai_usage_self_logging(true).';
        END IF;
        v_uid := auth.uid();
        IF v_uid IS NULL OR EXISTS (
            SELECT 1 FROM jsonb_array_elements(p_events) e WHERE (e ->> 'user_id')::uuid <> v_uid
        ) THEN
            RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'permission denied: cannot log usage for another user';
        END IF;
        IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_events) e WHERE e ->> 'created_at' IS NOT NULL) THEN
            RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'permission denied: only the server may set created_at';
        END IF;
    END IF;

    -- Give every event a request id now, so the insert and the answer below agree on it.
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_events) e WHERE e ->> 'request_id' IS NULL) THEN
        SELECT jsonb_agg(CASE WHEN a.e ->> 'request_id' IS NULL
                              THEN a.e || jsonb_build_object('request_id', gen_random_uuid()::text)
                              ELSE a.e END ORDER BY a.o)
        INTO p_events
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS a(e, o);
    END IF;

    -- Rows go in request_id order: two writers whose batches share request ids then wait on each
    -- other in the same order and cannot deadlock. DISTINCT ON keeps the first event of a
    -- duplicated id; ON CONFLICT skips ids stored before (idempotency).
    WITH firsts AS (
        SELECT DISTINCT ON (p.request_id) p.*
        FROM public._ai_usage_parse_events(p_events) p
        ORDER BY p.request_id, p.event_index
    ), ins AS (
        INSERT INTO public.ai_usage_log AS l (
            request_id, user_id, user_email, customer_id, customer_name, request_type, session_id,
            provider, model_used, input_tokens, output_tokens, cache_write_5m_tokens,
            cache_write_1h_tokens, cache_read_tokens, price_id, input_price_per_mtok,
            output_price_per_mtok, cache_write_5m_price_per_mtok, cache_write_1h_price_per_mtok,
            cache_read_price_per_mtok, latency_ms, tool_turns, status, error_message, created_at)
        SELECT f.request_id, f.user_id, f.user_email, f.customer_id, f.customer_name, f.request_type,
               f.session_id, coalesce(f.provider, price.provider, 'unknown'), f.model_used,
               f.input_tokens, f.output_tokens, f.cache_write_5m_tokens, f.cache_write_1h_tokens,
               f.cache_read_tokens, price.id, price.input_per_mtok, price.output_per_mtok,
               price.cache_write_5m_per_mtok, price.cache_write_1h_per_mtok, price.cache_read_per_mtok,
               f.latency_ms, f.tool_turns, f.status, f.error_message, f.created_at
        FROM firsts f
        LEFT JOIN LATERAL public.ai_usage_price_in_force(f.model_used, f.provider, f.created_at) price ON true
        ORDER BY f.request_id
        ON CONFLICT (request_id) DO NOTHING
        RETURNING l.request_id
    )
    SELECT coalesce(array_agg(ins.request_id), '{}') INTO v_inserted FROM ins;

    -- A second statement (a fresh snapshot under READ COMMITTED) also sees rows that a concurrent
    -- writer committed while our insert waited on them.
    RETURN QUERY
    SELECT p.event_index,
           l.id,
           p.request_id,
           (ins.request_id IS NOT NULL
            AND p.event_index = min(p.event_index) OVER (PARTITION BY p.request_id))
    FROM public._ai_usage_parse_events(p_events) p
    JOIN public.ai_usage_log l ON l.request_id = p.request_id
    LEFT JOIN unnest(v_inserted) AS ins(request_id) ON ins.request_id = p.request_id
    ORDER BY p.event_index;

    -- Under REPEATABLE READ or SERIALIZABLE a row committed by a concurrent writer stays invisible
    -- to us: the caller must retry the whole transaction.
    GET DIAGNOSTICS v_missing = ROW_COUNT;
    IF v_missing < v_count THEN
        RAISE EXCEPTION USING ERRCODE = '40001',
            MESSAGE = 'a concurrent transaction stored some of these request ids; retry the transaction';
    END IF;
END;
$$;

-- ----------------------------------------------------------------------------
-- Public ingest functions
-- ----------------------------------------------------------------------------

-- Records one AI request; returns the row id. The spec's 13 parameters come first, in its order and
-- with its defaults, so existing callers keep working. A repeated p_request_id returns the first
-- row's id and changes nothing. Callers: the server (service role, table owner); a user for
-- themselves only when self-logging is switched on.
CREATE FUNCTION public.log_ai_usage(
    p_user_id uuid,
    p_user_email text DEFAULT NULL,
    p_customer_id integer DEFAULT NULL,
    p_customer_name text DEFAULT NULL,
    p_request_type text DEFAULT 'report',
    p_session_id text DEFAULT NULL,
    p_input_tokens integer DEFAULT 0,
    p_output_tokens integer DEFAULT 0,
    p_model_used text DEFAULT 'claude-sonnet-4-20250514',
    p_latency_ms integer DEFAULT NULL,
    p_tool_turns integer DEFAULT 0,
    p_status text DEFAULT 'success',
    p_error_message text DEFAULT NULL,
    p_request_id text DEFAULT NULL,
    p_provider text DEFAULT NULL,
    p_cache_write_5m_tokens integer DEFAULT 0,
    p_cache_write_1h_tokens integer DEFAULT 0,
    p_cache_read_tokens integer DEFAULT 0,
    p_created_at timestamptz DEFAULT NULL
)
RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER  -- plpgsql, not sql: its plan is cached per session
SET search_path = ''
AS $$
BEGIN
    RETURN (SELECT i.id
    FROM public._ai_usage_ingest(
        jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
            'user_id', p_user_id, 'user_email', p_user_email, 'customer_id', p_customer_id,
            'customer_name', p_customer_name, 'session_id', p_session_id,
            'input_tokens', p_input_tokens, 'output_tokens', p_output_tokens,
            'latency_ms', p_latency_ms, 'tool_turns', p_tool_turns,
            'error_message', p_error_message, 'request_id', p_request_id, 'provider', p_provider,
            'cache_write_5m_tokens', p_cache_write_5m_tokens, 'cache_write_1h_tokens', p_cache_write_1h_tokens,
            'cache_read_tokens', p_cache_read_tokens, 'created_at', p_created_at))
        -- Kept out of jsonb_strip_nulls: an explicit NULL here is an error, not "use the default".
        || jsonb_build_object('request_type', p_request_type, 'model_used', p_model_used, 'status', p_status)
        ),
        true) i);
END;
$$;
COMMENT ON FUNCTION public.log_ai_usage IS 'Records one AI request and returns its id (idempotent on p_request_id). Server-side: service role or table owner.';

-- Records many events in one transaction; one row per event, in input order. inserted = false
-- when the request id was already stored (its first row's id is returned). One bad event rejects
-- the whole call with SQLSTATE 22023 naming the event index and the field.
CREATE FUNCTION public.log_ai_usage_batch(p_events jsonb)
RETURNS TABLE (event_index integer, id uuid, request_id text, inserted boolean)
LANGUAGE sql VOLATILE SECURITY DEFINER
SET search_path = ''
AS $$
    SELECT * FROM public._ai_usage_ingest(p_events, false)
$$;
COMMENT ON FUNCTION public.log_ai_usage_batch IS 'Records a JSON array of usage events in one transaction, idempotent per request_id; returns (event_index, id, request_id, inserted). Server-side: service role or table owner.';
