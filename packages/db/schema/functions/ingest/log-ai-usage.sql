-- Records one AI request; returns the row id. The spec's 13 parameters come first, in its order and
-- with its defaults, so existing callers keep working; p_budget_hold_id settles a hold of
-- reserve_ai_usage; p_service_tier (last) is the tier the request ran at (NULL = standard). A
-- repeated p_request_id returns the first row's id and changes nothing. Callers: the server (service role, table owner); a user for
-- themselves only when self-logging is switched on.
CREATE FUNCTION public.log_ai_usage(p_user_id uuid, p_user_email text DEFAULT NULL::text, p_customer_id integer DEFAULT NULL::integer, p_customer_name text DEFAULT NULL::text, p_request_type text DEFAULT 'report'::text, p_session_id text DEFAULT NULL::text, p_input_tokens integer DEFAULT 0, p_output_tokens integer DEFAULT 0, p_model_used text DEFAULT 'claude-sonnet-4-20250514'::text, p_latency_ms integer DEFAULT NULL::integer, p_tool_turns integer DEFAULT 0, p_status text DEFAULT 'success'::text, p_error_message text DEFAULT NULL::text, p_request_id text DEFAULT NULL::text, p_provider text DEFAULT NULL::text, p_cache_write_5m_tokens integer DEFAULT 0, p_cache_write_1h_tokens integer DEFAULT 0, p_cache_read_tokens integer DEFAULT 0, p_created_at timestamp with time zone DEFAULT NULL::timestamp with time zone, p_budget_hold_id uuid DEFAULT NULL::uuid, p_service_tier text DEFAULT NULL::text) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
BEGIN
    -- In a batch a JSON null means "use the default"; here an explicit NULL is a caller's mistake.
    IF p_request_type IS NULL OR p_model_used IS NULL OR p_status IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('%s must not be null',
            CASE WHEN p_request_type IS NULL THEN 'request_type' WHEN p_model_used IS NULL THEN 'model_used' ELSE 'status' END);
    END IF;
    RETURN (SELECT i.id
    FROM ai_usage_private._ai_usage_ingest(
        jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
            'user_id', p_user_id, 'user_email', p_user_email, 'customer_id', p_customer_id,
            'customer_name', p_customer_name, 'session_id', p_session_id,
            'input_tokens', p_input_tokens, 'output_tokens', p_output_tokens,
            'latency_ms', p_latency_ms, 'tool_turns', p_tool_turns,
            'error_message', p_error_message, 'request_id', p_request_id, 'provider', p_provider,
            'cache_write_5m_tokens', p_cache_write_5m_tokens, 'cache_write_1h_tokens', p_cache_write_1h_tokens,
            'cache_read_tokens', p_cache_read_tokens, 'created_at', p_created_at,
            'budget_hold_id', p_budget_hold_id, 'service_tier', p_service_tier,
            'request_type', p_request_type, 'model_used', p_model_used, 'status', p_status))),
        true) i);
END;
$$;

COMMENT ON FUNCTION public.log_ai_usage(p_user_id uuid, p_user_email text, p_customer_id integer, p_customer_name text, p_request_type text, p_session_id text, p_input_tokens integer, p_output_tokens integer, p_model_used text, p_latency_ms integer, p_tool_turns integer, p_status text, p_error_message text, p_request_id text, p_provider text, p_cache_write_5m_tokens integer, p_cache_write_1h_tokens integer, p_cache_read_tokens integer, p_created_at timestamp with time zone, p_budget_hold_id uuid, p_service_tier text) IS 'Records one AI request and returns its id (idempotent on p_request_id). Server-side: service role or table owner.';

REVOKE ALL ON FUNCTION public.log_ai_usage(p_user_id uuid, p_user_email text, p_customer_id integer, p_customer_name text, p_request_type text, p_session_id text, p_input_tokens integer, p_output_tokens integer, p_model_used text, p_latency_ms integer, p_tool_turns integer, p_status text, p_error_message text, p_request_id text, p_provider text, p_cache_write_5m_tokens integer, p_cache_write_1h_tokens integer, p_cache_read_tokens integer, p_created_at timestamp with time zone, p_budget_hold_id uuid, p_service_tier text) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.log_ai_usage(p_user_id uuid, p_user_email text, p_customer_id integer, p_customer_name text, p_request_type text, p_session_id text, p_input_tokens integer, p_output_tokens integer, p_model_used text, p_latency_ms integer, p_tool_turns integer, p_status text, p_error_message text, p_request_id text, p_provider text, p_cache_write_5m_tokens integer, p_cache_write_1h_tokens integer, p_cache_read_tokens integer, p_created_at timestamp with time zone, p_budget_hold_id uuid, p_service_tier text) TO authenticated;
GRANT ALL ON FUNCTION public.log_ai_usage(p_user_id uuid, p_user_email text, p_customer_id integer, p_customer_name text, p_request_type text, p_session_id text, p_input_tokens integer, p_output_tokens integer, p_model_used text, p_latency_ms integer, p_tool_turns integer, p_status text, p_error_message text, p_request_id text, p_provider text, p_cache_write_5m_tokens integer, p_cache_write_1h_tokens integer, p_cache_read_tokens integer, p_created_at timestamp with time zone, p_budget_hold_id uuid, p_service_tier text) TO service_role;
