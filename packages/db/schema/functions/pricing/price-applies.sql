-- The price rule as before, with its model test written as = ANY (ARRAY[...]): the parser turns an IN
-- list whose items hold columns (as they do once expanded into a join) into ORs, which the catalog's
-- index cannot serve; inlined by the planner it saw parameters and made an array, so kept the index.
CREATE FUNCTION ai_usage_private._ai_usage_price_applies(p_model_match text, p_price_provider text, p_effective_from timestamp with time zone, p_effective_to timestamp with time zone, p_model_used text, p_provider text, p_at timestamp with time zone) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path TO ''
    AS $$
    SELECT p_model_match = ANY (ARRAY[p_model_used, ai_usage_private.ai_usage_model_family(p_model_used)])
       AND (p_provider IS NULL OR p_price_provider = p_provider)
       AND p_effective_from <= p_at
       AND (p_effective_to IS NULL OR p_at < p_effective_to)
$$;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_price_applies(p_model_match text, p_price_provider text, p_effective_from timestamp with time zone, p_effective_to timestamp with time zone, p_model_used text, p_provider text, p_at timestamp with time zone) FROM PUBLIC, anon, authenticated, service_role;
