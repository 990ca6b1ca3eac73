-- One row per event whose fields are wrong: (event_index, first problem). Events must be objects
-- with known keys only; that is checked before. Key lookups (e -> 'k') are cheap; unpacking with
-- jsonb_to_recordset into jsonb columns measured several times slower (values go through text).
CREATE FUNCTION ai_usage_private._ai_usage_event_problems(p_events jsonb) RETURNS TABLE(event_index integer, problem text)
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $_$
    SELECT * FROM (
        SELECT (x.o - 1)::integer, coalesce(
            CASE
                WHEN (x.e -> 'user_id') IS NULL OR (x.e -> 'user_id') = 'null'::jsonb THEN 'user_id is required'
                WHEN jsonb_typeof((x.e -> 'user_id')) <> 'string'
                     OR (x.e -> 'user_id') #>> '{}' !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                    THEN 'user_id must be a UUID'
            END,
            ai_usage_private._ai_usage_text_problem((x.e -> 'request_id'), 'request_id', 200),
            CASE
                WHEN (x.e -> 'budget_hold_id') IS NULL OR (x.e -> 'budget_hold_id') = 'null'::jsonb THEN NULL
                WHEN jsonb_typeof((x.e -> 'budget_hold_id')) <> 'string'
                     OR (x.e -> 'budget_hold_id') #>> '{}' !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                    THEN 'budget_hold_id must be a UUID (the hold_id reserve_ai_usage returned)'
            END,
            ai_usage_private._ai_usage_text_problem((x.e -> 'user_email'), 'user_email', 320),
            ai_usage_private._ai_usage_integer_problem((x.e -> 'customer_id'), 'customer_id', -2147483648, 2147483647),
            ai_usage_private._ai_usage_text_problem((x.e -> 'customer_name'), 'customer_name', 200),
            ai_usage_private._ai_usage_text_problem((x.e -> 'request_type'), 'request_type', 64),
            ai_usage_private._ai_usage_text_problem((x.e -> 'session_id'), 'session_id', 200),
            ai_usage_private._ai_usage_text_problem((x.e -> 'model_used'), 'model_used', 200),
            ai_usage_private._ai_usage_text_problem((x.e -> 'provider'), 'provider', 64),
            ai_usage_private._ai_usage_integer_problem((x.e -> 'input_tokens'), 'input_tokens', 0, 100000000),
            ai_usage_private._ai_usage_integer_problem((x.e -> 'output_tokens'), 'output_tokens', 0, 100000000),
            ai_usage_private._ai_usage_integer_problem((x.e -> 'cache_write_5m_tokens'), 'cache_write_5m_tokens', 0, 100000000),
            ai_usage_private._ai_usage_integer_problem((x.e -> 'cache_write_1h_tokens'), 'cache_write_1h_tokens', 0, 100000000),
            ai_usage_private._ai_usage_integer_problem((x.e -> 'cache_read_tokens'), 'cache_read_tokens', 0, 100000000),
            ai_usage_private._ai_usage_integer_problem((x.e -> 'tool_turns'), 'tool_turns', 0, 100000000),
            ai_usage_private._ai_usage_integer_problem((x.e -> 'latency_ms'), 'latency_ms', 0, 86400000),
            CASE
                WHEN (x.e -> 'status') IS NULL OR (x.e -> 'status') = 'null'::jsonb THEN NULL
                WHEN jsonb_typeof((x.e -> 'status')) <> 'string' OR (x.e -> 'status') #>> '{}' NOT IN ('success', 'error')
                    THEN format('status must be ''success'' or ''error'' (got %s)', (x.e -> 'status')::text)
            END,
            ai_usage_private._ai_usage_text_problem((x.e -> 'error_message'), 'error_message', 4000),
            CASE
                WHEN (x.e -> 'service_tier') IS NULL OR (x.e -> 'service_tier') = 'null'::jsonb THEN NULL
                WHEN jsonb_typeof((x.e -> 'service_tier')) <> 'string'
                     OR NOT ((x.e -> 'service_tier') #>> '{}') = ANY (ai_usage_private.ai_usage_service_tiers())
                    THEN format('service_tier must be one of %s (got %s)',
                                array_to_string(ai_usage_private.ai_usage_service_tiers(), ', '), (x.e -> 'service_tier')::text)
            END,
            CASE
                WHEN (x.e -> 'created_at') IS NULL OR (x.e -> 'created_at') = 'null'::jsonb THEN NULL
                WHEN jsonb_typeof((x.e -> 'created_at')) <> 'string'
                     OR (x.e -> 'created_at') #>> '{}' !~ '^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}(:?\d{2})?)$'
                     OR ai_usage_private._ai_usage_to_timestamptz((x.e -> 'created_at') #>> '{}') IS NULL
                    THEN 'created_at must be an ISO 8601 timestamp with a time zone, e.g. 2026-01-31T12:00:00Z'
                WHEN ((x.e -> 'created_at') #>> '{}')::timestamptz > now() + interval '1 hour'
                    THEN 'created_at must not be in the future'
                WHEN ((x.e -> 'created_at') #>> '{}')::timestamptz < '2000-01-01T00:00:00Z'
                    THEN 'created_at must be after 2000-01-01'
            END) AS problem
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, o)
    ) checked
    WHERE checked.problem IS NOT NULL
$_$;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_event_problems(p_events jsonb) FROM PUBLIC, anon, authenticated, service_role;
