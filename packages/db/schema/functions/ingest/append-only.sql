-- The log is append-only: an UPDATE may change the price columns (re-pricing) and nothing else,
-- except a provider stored as 'unknown' that re-pricing learns from the catalog. The UPDATE trigger
-- moves the signed difference between summary rows either way.
CREATE FUNCTION ai_usage_private._ai_usage_log_before_update() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
BEGIN
    IF NEW.provider IS DISTINCT FROM OLD.provider AND OLD.provider <> 'unknown' THEN
        RAISE EXCEPTION USING ERRCODE = '55000',
            MESSAGE = 'ai_usage_log is append-only: a known provider cannot change';
    END IF;
    IF (NEW.id, NEW.request_id, NEW.user_id, NEW.user_email, NEW.customer_id, NEW.customer_name,
        NEW.request_type, NEW.session_id, NEW.model_used, NEW.input_tokens,
        NEW.output_tokens, NEW.cache_write_5m_tokens, NEW.cache_write_1h_tokens, NEW.cache_read_tokens,
        NEW.latency_ms, NEW.tool_turns, NEW.status, NEW.error_message, NEW.created_at, NEW.budget_hold_id)
       IS DISTINCT FROM
       (OLD.id, OLD.request_id, OLD.user_id, OLD.user_email, OLD.customer_id, OLD.customer_name,
        OLD.request_type, OLD.session_id, OLD.model_used, OLD.input_tokens,
        OLD.output_tokens, OLD.cache_write_5m_tokens, OLD.cache_write_1h_tokens, OLD.cache_read_tokens,
        OLD.latency_ms, OLD.tool_turns, OLD.status, OLD.error_message, OLD.created_at, OLD.budget_hold_id) THEN
        RAISE EXCEPTION USING ERRCODE = '55000',
            MESSAGE = 'ai_usage_log is append-only: only the price columns may change (use reprice_ai_usage)';
    END IF;
    RETURN NEW;
END;
$$;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_log_before_update() FROM PUBLIC, anon, authenticated, service_role;
