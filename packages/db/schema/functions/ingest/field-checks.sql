-- v is the field's JSON value (NULL when absent). jsonb -> numeric is a direct cast (no text).
CREATE FUNCTION ai_usage_private._ai_usage_integer_problem(v jsonb, k text, lo bigint, hi bigint) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    SELECT CASE
        WHEN v IS NULL OR v = 'null'::jsonb THEN NULL
        WHEN jsonb_typeof(v) <> 'number' THEN format('%s must be an integer (got %s)', k, jsonb_typeof(v))
        WHEN v::numeric <> trunc(v::numeric) OR v::numeric NOT BETWEEN lo AND hi
            THEN format('%s must be an integer between %s and %s (got %s)', k, lo, hi, v::text)
    END
$$;

CREATE FUNCTION ai_usage_private._ai_usage_text_problem(v jsonb, k text, max_length integer) RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    SELECT CASE
        WHEN v IS NULL OR v = 'null'::jsonb THEN NULL
        WHEN jsonb_typeof(v) <> 'string' THEN format('%s must be a string (got %s)', k, jsonb_typeof(v))
        WHEN v = '""'::jsonb THEN k || ' must not be empty'
        WHEN length(v #>> '{}') > max_length
            THEN format('%s must be at most %s characters (got %s)', k, max_length, length(v #>> '{}'))
    END
$$;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_integer_problem(v jsonb, k text, lo bigint, hi bigint) FROM PUBLIC, anon, authenticated, service_role;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_text_problem(v jsonb, k text, max_length integer) FROM PUBLIC, anon, authenticated, service_role;
