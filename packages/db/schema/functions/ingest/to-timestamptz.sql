-- A timestamptz from text, or NULL when it does not parse (only reached for well-shaped strings).
CREATE FUNCTION ai_usage_private._ai_usage_to_timestamptz(p_text text) RETURNS timestamp with time zone
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
BEGIN
    RETURN p_text::timestamptz;
EXCEPTION WHEN others THEN
    RETURN NULL;
END;
$$;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_to_timestamptz(p_text text) FROM PUBLIC, anon, authenticated, service_role;
