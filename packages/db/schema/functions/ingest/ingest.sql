-- Validates, authorises, prices and stores events; returns one row per event in input order.
-- p_single only changes how messages are worded (no "event N:" prefix for log_ai_usage).
CREATE FUNCTION ai_usage_private._ai_usage_ingest(p_events jsonb, p_single boolean) RETURNS TABLE(event_index integer, id uuid, request_id text, inserted boolean)
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
#variable_conflict use_column
DECLARE
    v_count integer;
    v_problem record;
    v_uid uuid;
    v_inserted text[];
    v_missing integer;
    v_server boolean;
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

    -- Who is calling is decided before any event is looked at: a refused caller costs one settings
    -- lookup and a scan of user ids, not the validation of up to 10,000 events (4-9 s measured).
    -- Users may log only their own usage, at the current time, with no customer, in small batches,
    -- and only when the switch is on.
    v_server := ai_usage_private._ai_usage_caller_is_server();
    IF NOT v_server THEN
        IF NOT (SELECT s.allow_user_self_logging FROM public.ai_usage_settings s) THEN
            RAISE EXCEPTION USING ERRCODE = '42501',
                MESSAGE = 'permission denied: usage is logged by the server (service role)',
                HINT = 'An admin can let users log their own usage with set_ai_usage_self_logging(true).';
        END IF;
        IF v_count > 100 THEN
            RAISE EXCEPTION USING ERRCODE = '42501',
                MESSAGE = format('permission denied: a user logs at most 100 events per call (got %s)', v_count),
                HINT = 'Larger batches are for the server (service role).';
        END IF;
        v_uid := auth.uid();
        -- Compared as text (lower-cased, as uuid output is): an event whose user_id is not even a
        -- UUID is someone else's as far as this check goes.
        IF v_uid IS NULL OR EXISTS (
            SELECT 1 FROM jsonb_array_elements(p_events) e
            WHERE lower(e ->> 'user_id') IS DISTINCT FROM v_uid::text
        ) THEN
            RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'permission denied: cannot log usage for another user';
        END IF;
        IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_events) e WHERE e ->> 'created_at' IS NOT NULL) THEN
            RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'permission denied: only the server may set created_at';
        END IF;
        -- A customer is an attribution the server vouches for (the edge function takes it from the
        -- JWT's app_metadata); a user naming one could credit any customer with spend, or rename it
        -- on the admin dashboard.
        IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_events) e
                   WHERE e ->> 'customer_id' IS NOT NULL OR e ->> 'customer_name' IS NOT NULL) THEN
            RAISE EXCEPTION USING ERRCODE = '42501',
                MESSAGE = 'permission denied: only the server may attribute usage to a customer',
                HINT = 'Leave customer_id and customer_name out; the server records the customer.';
        END IF;
        -- Settling a hold frees budget for others: only the server, which reserved it, says which
        -- usage a hold was for.
        IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_events) e WHERE e ->> 'budget_hold_id' IS NOT NULL) THEN
            RAISE EXCEPTION USING ERRCODE = '42501',
                MESSAGE = 'permission denied: only the server may settle a budget hold (budget_hold_id)';
        END IF;
    END IF;

    -- The first bad event is named, with its first problem: shape (not an object, unknown fields)
    -- before values. `e - known keys` leaves only the unknown keys: one operator per event.
    SELECT x.idx, x.problem INTO v_problem
    FROM (
        (SELECT (a.o - 1)::integer AS idx, 0 AS rank,
                CASE WHEN jsonb_typeof(a.e) <> 'object' THEN 'must be a JSON object'
                     ELSE 'unknown field ' || (SELECT string_agg(k, ', ' ORDER BY k)
                                               FROM jsonb_object_keys(a.e - ai_usage_private._ai_usage_event_keys()) k)
                END AS problem
         FROM jsonb_array_elements(p_events) WITH ORDINALITY AS a(e, o)
         WHERE jsonb_typeof(a.e) <> 'object' OR (a.e - ai_usage_private._ai_usage_event_keys()) <> '{}'::jsonb
         ORDER BY a.o LIMIT 1)
        UNION ALL
        -- On a non-object event, e -> 'key' is NULL: it gets a value problem too, ranked after its
        -- shape problem above.
        (SELECT p.event_index, 1, p.problem
         FROM ai_usage_private._ai_usage_event_problems(p_events) p
         ORDER BY p.event_index LIMIT 1)
    ) x
    ORDER BY x.idx, x.rank
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = CASE WHEN p_single THEN v_problem.problem
                           ELSE format('event %s: %s', v_problem.idx, v_problem.problem) END;
    END IF;

    -- Self-logged rows live in their own request-id namespace, self:<user id>:<request id>. A user
    -- who learns a message id (the edge function returns it) could otherwise store a row under it
    -- first, and the server's later record of the real usage would be skipped as a retry. The
    -- server's ids may not enter that namespace, so the two can never collide.
    IF v_server THEN
        IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_events) e WHERE e ->> 'request_id' LIKE 'self:%') THEN
            SELECT (a.o - 1)::integer AS idx INTO v_problem
            FROM jsonb_array_elements(p_events) WITH ORDINALITY AS a(e, o)
            WHERE a.e ->> 'request_id' LIKE 'self:%' ORDER BY a.o LIMIT 1;
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = CASE WHEN p_single THEN '' ELSE format('event %s: ', v_problem.idx) END
                          || 'request_id must not start with "self:" (reserved for usage users log themselves)';
        END IF;
    ELSE
        IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_events) e
                   WHERE length(e ->> 'request_id') > 200 - length('self:' || v_uid::text || ':')) THEN
            RAISE EXCEPTION USING ERRCODE = '22023',
                MESSAGE = format('request_id must be at most %s characters when users log their own usage '
                                 '(it is stored as self:<user id>:<request id>)',
                                 200 - length('self:' || v_uid::text || ':'));
        END IF;
        SELECT jsonb_agg(a.e || jsonb_build_object('request_id',
                   'self:' || v_uid::text || ':' || coalesce(a.e ->> 'request_id', gen_random_uuid()::text))
               ORDER BY a.o)
        INTO p_events
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS a(e, o);
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
        FROM ai_usage_private._ai_usage_parse_events(p_events) p
        ORDER BY p.request_id, p.event_index
    ), models AS MATERIALIZED (
        -- The price rule's candidate ids, once per distinct model of the batch (an alias lookup and
        -- a few regular expressions each; pricing/price-in-force.sql).
        SELECT m.model_used, ai_usage_private.ai_usage_price_candidates(m.model_used) AS ids
        FROM (SELECT DISTINCT f.model_used FROM firsts f) m
    ), priced AS (
        -- Each event with the catalog entry that prices it (none: unpriced).
        SELECT f.*, price.id AS price_id, price.provider AS price_provider,
               price.input_per_mtok, price.output_per_mtok, price.cache_write_5m_per_mtok,
               price.cache_write_1h_per_mtok, price.cache_read_per_mtok
        FROM firsts f
        JOIN models m ON m.model_used = f.model_used
        LEFT JOIN LATERAL ai_usage_private.ai_usage_price_of_candidates(m.ids, f.provider, f.service_tier,
            f.input_tokens::bigint + f.cache_read_tokens + f.cache_write_5m_tokens + f.cache_write_1h_tokens,
            f.created_at) price ON true
    ), ins AS (
        INSERT INTO public.ai_usage_log AS l (
            request_id, user_id, user_email, customer_id, customer_name, request_type, session_id,
            provider, model_used, input_tokens, output_tokens, cache_write_5m_tokens,
            cache_write_1h_tokens, cache_read_tokens, price_id, input_price_per_mtok,
            output_price_per_mtok, cache_write_5m_price_per_mtok, cache_write_1h_price_per_mtok,
            cache_read_price_per_mtok, latency_ms, tool_turns, status, error_message, created_at,
            budget_hold_id, service_tier)
        SELECT f.request_id, f.user_id, f.user_email, f.customer_id, f.customer_name, f.request_type,
               f.session_id, coalesce(f.provider, f.price_provider, 'unknown'), f.model_used,
               f.input_tokens, f.output_tokens, f.cache_write_5m_tokens, f.cache_write_1h_tokens,
               f.cache_read_tokens, f.price_id, f.input_per_mtok, f.output_per_mtok,
               f.cache_write_5m_per_mtok, f.cache_write_1h_per_mtok, f.cache_read_per_mtok,
               f.latency_ms, f.tool_turns, f.status, f.error_message, f.created_at, f.budget_hold_id,
               f.service_tier
        FROM priced f
        ORDER BY f.request_id
        ON CONFLICT (request_id) DO NOTHING
        RETURNING l.request_id
    )
    SELECT coalesce(array_agg(ins.request_id), '{}') INTO v_inserted FROM ins;

    -- A user logging for themselves must not learn or claim another user's row through a request
    -- id that is already taken: reject the whole call (nothing of it is kept).
    IF v_uid IS NOT NULL AND EXISTS (
        SELECT 1 FROM ai_usage_private._ai_usage_parse_events(p_events) p
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
    FROM ai_usage_private._ai_usage_parse_events(p_events) p
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

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_ingest(p_events jsonb, p_single boolean) FROM PUBLIC, anon, authenticated, service_role;
