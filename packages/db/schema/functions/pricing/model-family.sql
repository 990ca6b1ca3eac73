-- The family of a model id: a trailing date (claude-sonnet-4-20250514, gpt-4o-2024-08-06) or
-- "-latest" removed. Never a prefix match: gpt-4o must not price gpt-4o-mini.
CREATE FUNCTION ai_usage_private.ai_usage_model_family(p_model_used text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    RETURN regexp_replace(p_model_used, '-([0-9]{8}|[0-9]{4}-[0-9]{2}-[0-9]{2}|latest)$'::text, ''::text);

REVOKE ALL ON FUNCTION ai_usage_private.ai_usage_model_family(p_model_used text) FROM PUBLIC, anon, authenticated, service_role;
