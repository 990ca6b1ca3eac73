-- The catalog entry in force for one request (for ad-hoc questions: "what would this cost?").
CREATE FUNCTION ai_usage_private.ai_usage_price_in_force(p_model_used text, p_provider text, p_at timestamp with time zone) RETURNS SETOF public.ai_model_prices
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    SELECT p.*
    FROM public.ai_model_prices p
    WHERE ai_usage_private._ai_usage_price_applies(p.model_match, p.provider, p.effective_from, p.effective_to,
                                         p_model_used, p_provider, p_at)
    ORDER BY (p.model_match = p_model_used) DESC, p.effective_from DESC
    LIMIT 1
$$;

REVOKE ALL ON FUNCTION ai_usage_private.ai_usage_price_in_force(p_model_used text, p_provider text, p_at timestamp with time zone) FROM PUBLIC, anon, authenticated, service_role;
