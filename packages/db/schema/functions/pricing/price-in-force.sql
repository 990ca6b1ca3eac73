-- THE price rule, the one place that says which catalog entry prices a request: an entry for the
-- model id itself or for its family (model-family.sql), of the request's provider (any provider
-- when the request names none), in force at the request's time; the exact id wins over the family,
-- then the latest effective_from, then the newest entry. Ingest and re-pricing call it per row
-- through LEFT JOIN LATERAL; db:generate-sql expands those calls (see inline-helpers.sql), so each
-- is an index probe of the catalog inside the caller's plan rather than a function call.
--
-- The model test is written = ANY (ARRAY[...]): once expanded into a join, an IN list whose items
-- hold columns becomes ORs, which the catalog's index cannot serve.
CREATE FUNCTION ai_usage_private.ai_usage_price_in_force(p_model_used text, p_provider text, p_at timestamp with time zone) RETURNS SETOF public.ai_model_prices
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    SELECT p.*
    FROM public.ai_model_prices p
    WHERE p.model_match = ANY (ARRAY[p_model_used, ai_usage_private.ai_usage_model_family(p_model_used)])
      AND (p_provider IS NULL OR p.provider = p_provider)
      AND p.effective_from <= p_at
      AND (p.effective_to IS NULL OR p_at < p.effective_to)
    ORDER BY (p.model_match = p_model_used) DESC, p.effective_from DESC, p.id DESC
    LIMIT 1
$$;

COMMENT ON FUNCTION ai_usage_private.ai_usage_price_in_force(p_model_used text, p_provider text, p_at timestamp with time zone) IS 'The catalog entry that prices a request of p_model_used (by p_provider, NULL = any) at p_at; no row = unpriced. The only price rule: ingest and reprice_ai_usage use it.';

REVOKE ALL ON FUNCTION ai_usage_private.ai_usage_price_in_force(p_model_used text, p_provider text, p_at timestamp with time zone) FROM PUBLIC, anon, authenticated, service_role;
