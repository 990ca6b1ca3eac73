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

-- Whether a catalog entry can price a request of p_model_used (with p_provider, NULL = any) made at
-- p_at: its model_match is the exact id or the family, and p_at lies in its effective period.
-- Among the entries that apply, the exact id wins over the family, then the latest effective_from
-- (see the ORDER BY wherever this is used). Inlined by the planner: set-based callers join the
-- small catalog with it instead of looking prices up row by row.
CREATE FUNCTION public._ai_usage_price_applies(
    p_model_match text, p_price_provider text, p_effective_from timestamptz, p_effective_to timestamptz,
    p_model_used text, p_provider text, p_at timestamptz)
RETURNS boolean
LANGUAGE sql IMMUTABLE
AS $$
    SELECT p_model_match IN (p_model_used, public.ai_usage_model_family(p_model_used))
       AND (p_provider IS NULL OR p_price_provider = p_provider)
       AND p_effective_from <= p_at
       AND (p_effective_to IS NULL OR p_at < p_effective_to)
$$;

-- The catalog entry in force for one request (for ad-hoc questions: "what would this cost?").
CREATE FUNCTION public.ai_usage_price_in_force(p_model_used text, p_provider text, p_at timestamptz)
RETURNS SETOF public.ai_model_prices
LANGUAGE sql STABLE
AS $$
    SELECT p.*
    FROM public.ai_model_prices p
    WHERE public._ai_usage_price_applies(p.model_match, p.provider, p.effective_from, p.effective_to,
                                         p_model_used, p_provider, p_at)
    ORDER BY (p.model_match = p_model_used) DESC, p.effective_from DESC
    LIMIT 1
$$;

-- ----------------------------------------------------------------------------
-- Who is calling
-- ----------------------------------------------------------------------------

-- True for the server side: the service role, the table owner or any other database role that was
-- granted EXECUTE itself (a direct connection), false for PostgREST's anon and authenticated roles.
-- current_setting('role') is what PostgREST set with set_config('role', ..., true); SECURITY
-- DEFINER changes current_user but not this setting, so it still names the caller inside them.
-- Also false for a role that gets its privileges from anon or authenticated: PostgREST switches to
-- any role a JWT names, and `CREATE ROLE premium INHERIT; GRANT authenticated TO premium` is a
-- usual way to give some users a role of their own; such users are end users, not the server
-- (checked after service_role and the owner, which on Supabase may be members of authenticated).
-- PL/pgSQL rather than SQL: a SQL function with a FROM clause is planned again on every call
-- (0.16 ms of each log_ai_usage call), where PL/pgSQL keeps its plan (0.02 ms).
CREATE FUNCTION public._ai_usage_caller_is_server()
RETURNS boolean
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    v_caller name := coalesce(nullif(current_setting('role', true), 'none'), session_user)::name;
BEGIN
    RETURN v_caller NOT IN ('anon', 'authenticated')
       AND (pg_has_role(v_caller, 'service_role', 'MEMBER')
            OR pg_has_role(v_caller, (SELECT t.relowner FROM pg_catalog.pg_class t
                                      WHERE t.oid = 'public.ai_usage_log'::regclass), 'MEMBER')
            OR NOT (pg_has_role(v_caller, 'authenticated', 'USAGE') OR pg_has_role(v_caller, 'anon', 'USAGE')));
END;
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
-- Validation and parsing. Events are unpacked once with jsonb_to_recordset (one pass per event,
-- not one key lookup per check); each check is a single-expression SQL function marked STABLE (as
-- its body is: format() is STABLE) so the planner inlines it. A SQL function that is not inlined
-- is planned again on every call: that measured 0.7 ms per event. In a batch, a field that is
-- missing or JSON null takes its default.
-- ----------------------------------------------------------------------------

-- The fields every event may carry; anything else is a typo and rejected.
CREATE FUNCTION public._ai_usage_event_keys()
RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ARRAY[
    'user_id', 'user_email', 'customer_id', 'customer_name', 'request_type', 'session_id',
    'input_tokens', 'output_tokens', 'cache_write_5m_tokens', 'cache_write_1h_tokens',
    'cache_read_tokens', 'model_used', 'provider', 'latency_ms', 'tool_turns', 'status',
    'error_message', 'request_id', 'created_at'];

-- v is the field's JSON value (NULL when absent). jsonb -> numeric is a direct cast (no text).
CREATE FUNCTION public._ai_usage_integer_problem(v jsonb, k text, lo bigint, hi bigint)
RETURNS text
LANGUAGE sql STABLE
AS $$
    SELECT CASE
        WHEN v IS NULL OR v = 'null'::jsonb THEN NULL
        WHEN jsonb_typeof(v) <> 'number' THEN format('%s must be an integer (got %s)', k, jsonb_typeof(v))
        WHEN v::numeric <> trunc(v::numeric) OR v::numeric NOT BETWEEN lo AND hi
            THEN format('%s must be an integer between %s and %s (got %s)', k, lo, hi, v::text)
    END
$$;

CREATE FUNCTION public._ai_usage_text_problem(v jsonb, k text, max_length integer)
RETURNS text
LANGUAGE sql STABLE
AS $$
    SELECT CASE
        WHEN v IS NULL OR v = 'null'::jsonb THEN NULL
        WHEN jsonb_typeof(v) <> 'string' THEN format('%s must be a string (got %s)', k, jsonb_typeof(v))
        WHEN v = '""'::jsonb THEN k || ' must not be empty'
        WHEN length(v #>> '{}') > max_length
            THEN format('%s must be at most %s characters (got %s)', k, max_length, length(v #>> '{}'))
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

-- One row per event whose fields are wrong: (event_index, first problem). Events must be objects
-- with known keys only; that is checked before. Key lookups (e -> 'k') are cheap; unpacking with
-- jsonb_to_recordset into jsonb columns measured 4x slower (values go through text).
CREATE FUNCTION public._ai_usage_event_problems(p_events jsonb)
RETURNS TABLE (event_index integer, problem text)
LANGUAGE sql STABLE
AS $$
    SELECT * FROM (
        SELECT (x.o - 1)::integer, coalesce(
            CASE
                WHEN (x.e -> 'user_id') IS NULL OR (x.e -> 'user_id') = 'null'::jsonb THEN 'user_id is required'
                WHEN jsonb_typeof((x.e -> 'user_id')) <> 'string'
                     OR (x.e -> 'user_id') #>> '{}' !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                    THEN 'user_id must be a UUID'
            END,
            public._ai_usage_text_problem((x.e -> 'request_id'), 'request_id', 200),
            public._ai_usage_text_problem((x.e -> 'user_email'), 'user_email', 320),
            public._ai_usage_integer_problem((x.e -> 'customer_id'), 'customer_id', -2147483648, 2147483647),
            public._ai_usage_text_problem((x.e -> 'customer_name'), 'customer_name', 200),
            public._ai_usage_text_problem((x.e -> 'request_type'), 'request_type', 64),
            public._ai_usage_text_problem((x.e -> 'session_id'), 'session_id', 200),
            public._ai_usage_text_problem((x.e -> 'model_used'), 'model_used', 200),
            public._ai_usage_text_problem((x.e -> 'provider'), 'provider', 64),
            public._ai_usage_integer_problem((x.e -> 'input_tokens'), 'input_tokens', 0, 100000000),
            public._ai_usage_integer_problem((x.e -> 'output_tokens'), 'output_tokens', 0, 100000000),
            public._ai_usage_integer_problem((x.e -> 'cache_write_5m_tokens'), 'cache_write_5m_tokens', 0, 100000000),
            public._ai_usage_integer_problem((x.e -> 'cache_write_1h_tokens'), 'cache_write_1h_tokens', 0, 100000000),
            public._ai_usage_integer_problem((x.e -> 'cache_read_tokens'), 'cache_read_tokens', 0, 100000000),
            public._ai_usage_integer_problem((x.e -> 'tool_turns'), 'tool_turns', 0, 100000000),
            public._ai_usage_integer_problem((x.e -> 'latency_ms'), 'latency_ms', 0, 86400000),
            CASE
                WHEN (x.e -> 'status') IS NULL OR (x.e -> 'status') = 'null'::jsonb THEN NULL
                WHEN jsonb_typeof((x.e -> 'status')) <> 'string' OR (x.e -> 'status') #>> '{}' NOT IN ('success', 'error')
                    THEN format('status must be ''success'' or ''error'' (got %s)', (x.e -> 'status')::text)
            END,
            public._ai_usage_text_problem((x.e -> 'error_message'), 'error_message', 4000),
            CASE
                WHEN (x.e -> 'created_at') IS NULL OR (x.e -> 'created_at') = 'null'::jsonb THEN NULL
                WHEN jsonb_typeof((x.e -> 'created_at')) <> 'string'
                     OR (x.e -> 'created_at') #>> '{}' !~ '^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}(:?\d{2})?)$'
                     OR public._ai_usage_to_timestamptz((x.e -> 'created_at') #>> '{}') IS NULL
                    THEN 'created_at must be an ISO 8601 timestamp with a time zone, e.g. 2026-01-31T12:00:00Z'
                WHEN ((x.e -> 'created_at') #>> '{}')::timestamptz > now() + interval '1 hour'
                    THEN 'created_at must not be in the future'
                WHEN ((x.e -> 'created_at') #>> '{}')::timestamptz < '2000-01-01T00:00:00Z'
                    THEN 'created_at must be after 2000-01-01'
            END) AS problem
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, o)
    ) checked
    WHERE checked.problem IS NOT NULL
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
    SELECT (x.o - 1)::integer,
           x.request_id,
           x.user_id,
           x.user_email,
           x.customer_id::integer,
           x.customer_name,
           coalesce(x.request_type, 'report'),
           x.session_id,
           x.provider,
           coalesce(x.model_used, 'claude-sonnet-4-20250514'),
           coalesce(x.input_tokens::integer, 0),
           coalesce(x.output_tokens::integer, 0),
           coalesce(x.cache_write_5m_tokens::integer, 0),
           coalesce(x.cache_write_1h_tokens::integer, 0),
           coalesce(x.cache_read_tokens::integer, 0),
           x.latency_ms::integer,
           coalesce(x.tool_turns::integer, 0),
           coalesce(x.status, 'success'),
           x.error_message,
           coalesce(x.created_at, now())
    FROM ROWS FROM (jsonb_to_recordset(p_events) AS (
        user_id uuid, user_email text, customer_id numeric, customer_name text, request_type text,
        session_id text, input_tokens numeric, output_tokens numeric, cache_write_5m_tokens numeric,
        cache_write_1h_tokens numeric, cache_read_tokens numeric, model_used text, provider text,
        latency_ms numeric, tool_turns numeric, status text, error_message text, request_id text,
        created_at timestamptz)) WITH ORDINALITY AS x(
        user_id, user_email, customer_id, customer_name, request_type, session_id, input_tokens,
        output_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cache_read_tokens, model_used,
        provider, latency_ms, tool_turns, status, error_message, request_id, created_at, o)
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

    -- The first bad event is named, with its first problem: shape (not an object, unknown fields)
    -- before values. `e - known keys` leaves only the unknown keys: one operator per event.
    SELECT x.idx, x.problem INTO v_problem
    FROM (
        (SELECT (a.o - 1)::integer AS idx, 0 AS rank,
                CASE WHEN jsonb_typeof(a.e) <> 'object' THEN 'must be a JSON object'
                     ELSE 'unknown field ' || (SELECT string_agg(k, ', ' ORDER BY k)
                                               FROM jsonb_object_keys(a.e - public._ai_usage_event_keys()) k)
                END AS problem
         FROM jsonb_array_elements(p_events) WITH ORDINALITY AS a(e, o)
         WHERE jsonb_typeof(a.e) <> 'object' OR (a.e - public._ai_usage_event_keys()) <> '{}'::jsonb
         ORDER BY a.o LIMIT 1)
        UNION ALL
        -- On a non-object event, e -> 'key' is NULL: it gets a value problem too, ranked after its
        -- shape problem above.
        (SELECT p.event_index, 1, p.problem
         FROM public._ai_usage_event_problems(p_events) p
         ORDER BY p.event_index LIMIT 1)
    ) x
    ORDER BY x.idx, x.rank
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
    ), priced AS (
        -- Each event joined with the catalog entries that apply to it; the best one kept.
        SELECT DISTINCT ON (f.request_id) f.*, price.id AS price_id, price.provider AS price_provider,
               price.input_per_mtok, price.output_per_mtok, price.cache_write_5m_per_mtok,
               price.cache_write_1h_per_mtok, price.cache_read_per_mtok
        FROM firsts f
        LEFT JOIN public.ai_model_prices price
            ON public._ai_usage_price_applies(price.model_match, price.provider, price.effective_from,
                                              price.effective_to, f.model_used, f.provider, f.created_at)
        ORDER BY f.request_id, (price.model_match = f.model_used) DESC NULLS LAST, price.effective_from DESC NULLS LAST
    ), ins AS (
        INSERT INTO public.ai_usage_log AS l (
            request_id, user_id, user_email, customer_id, customer_name, request_type, session_id,
            provider, model_used, input_tokens, output_tokens, cache_write_5m_tokens,
            cache_write_1h_tokens, cache_read_tokens, price_id, input_price_per_mtok,
            output_price_per_mtok, cache_write_5m_price_per_mtok, cache_write_1h_price_per_mtok,
            cache_read_price_per_mtok, latency_ms, tool_turns, status, error_message, created_at)
        SELECT f.request_id, f.user_id, f.user_email, f.customer_id, f.customer_name, f.request_type,
               f.session_id, coalesce(f.provider, f.price_provider, 'unknown'), f.model_used,
               f.input_tokens, f.output_tokens, f.cache_write_5m_tokens, f.cache_write_1h_tokens,
               f.cache_read_tokens, f.price_id, f.input_per_mtok, f.output_per_mtok,
               f.cache_write_5m_per_mtok, f.cache_write_1h_per_mtok, f.cache_read_per_mtok,
               f.latency_ms, f.tool_turns, f.status, f.error_message, f.created_at
        FROM priced f
        ORDER BY f.request_id
        ON CONFLICT (request_id) DO NOTHING
        RETURNING l.request_id
    )
    SELECT coalesce(array_agg(ins.request_id), '{}') INTO v_inserted FROM ins;

    -- A user logging for themselves must not learn or claim another user's row through a request
    -- id that is already taken: reject the whole call (nothing of it is kept).
    IF v_uid IS NOT NULL AND EXISTS (
        SELECT 1 FROM public._ai_usage_parse_events(p_events) p
        JOIN public.ai_usage_log l ON l.request_id = p.request_id
        WHERE l.user_id <> v_uid
    ) THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = 'permission denied: a request id in this call belongs to another user';
    END IF;

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
    -- In a batch a JSON null means "use the default"; here an explicit NULL is a caller's mistake.
    IF p_request_type IS NULL OR p_model_used IS NULL OR p_status IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('%s must not be null',
            CASE WHEN p_request_type IS NULL THEN 'request_type' WHEN p_model_used IS NULL THEN 'model_used' ELSE 'status' END);
    END IF;
    RETURN (SELECT i.id
    FROM public._ai_usage_ingest(
        jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
            'user_id', p_user_id, 'user_email', p_user_email, 'customer_id', p_customer_id,
            'customer_name', p_customer_name, 'session_id', p_session_id,
            'input_tokens', p_input_tokens, 'output_tokens', p_output_tokens,
            'latency_ms', p_latency_ms, 'tool_turns', p_tool_turns,
            'error_message', p_error_message, 'request_id', p_request_id, 'provider', p_provider,
            'cache_write_5m_tokens', p_cache_write_5m_tokens, 'cache_write_1h_tokens', p_cache_write_1h_tokens,
            'cache_read_tokens', p_cache_read_tokens, 'created_at', p_created_at,
            'request_type', p_request_type, 'model_used', p_model_used, 'status', p_status))),
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
