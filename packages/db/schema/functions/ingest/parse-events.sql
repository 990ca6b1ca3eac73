-- Events as typed rows, defaults applied. Only called after validation, so the casts cannot fail.
CREATE FUNCTION ai_usage_private._ai_usage_parse_events(p_events jsonb) RETURNS TABLE(event_index integer, request_id text, user_id uuid, user_email text, customer_id integer, customer_name text, request_type text, session_id text, provider text, model_used text, input_tokens integer, output_tokens integer, cache_write_5m_tokens integer, cache_write_1h_tokens integer, cache_read_tokens integer, latency_ms integer, tool_turns integer, status text, error_message text, created_at timestamp with time zone, budget_hold_id uuid, service_tier text)
    LANGUAGE sql STABLE
    SET search_path TO ''
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
           coalesce(x.created_at, now()),
           x.budget_hold_id,
           coalesce(x.service_tier, 'standard')
    FROM ROWS FROM (jsonb_to_recordset(p_events) AS (
        user_id uuid, user_email text, customer_id numeric, customer_name text, request_type text,
        session_id text, input_tokens numeric, output_tokens numeric, cache_write_5m_tokens numeric,
        cache_write_1h_tokens numeric, cache_read_tokens numeric, model_used text, provider text,
        latency_ms numeric, tool_turns numeric, status text, error_message text, request_id text,
        created_at timestamptz, budget_hold_id uuid, service_tier text)) WITH ORDINALITY AS x(
        user_id, user_email, customer_id, customer_name, request_type, session_id, input_tokens,
        output_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cache_read_tokens, model_used,
        provider, latency_ms, tool_turns, status, error_message, request_id, created_at, budget_hold_id,
        service_tier, o)
$$;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_parse_events(p_events jsonb) FROM PUBLIC, anon, authenticated, service_role;
