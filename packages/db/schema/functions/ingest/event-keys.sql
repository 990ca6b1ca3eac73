-- The fields every event may carry; anything else is a typo and rejected.
CREATE FUNCTION ai_usage_private._ai_usage_event_keys() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    RETURN ARRAY['user_id'::text, 'user_email'::text, 'customer_id'::text, 'customer_name'::text, 'request_type'::text, 'session_id'::text, 'input_tokens'::text, 'output_tokens'::text, 'cache_write_5m_tokens'::text, 'cache_write_1h_tokens'::text, 'cache_read_tokens'::text, 'model_used'::text, 'provider'::text, 'latency_ms'::text, 'tool_turns'::text, 'status'::text, 'error_message'::text, 'request_id'::text, 'created_at'::text, 'budget_hold_id'::text, 'service_tier'::text];

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_event_keys() FROM PUBLIC, anon, authenticated, service_role;
