-- THE price rule, the one place that says which catalog entry prices a request:
--   1. an alias (ai_model_aliases) replaces the model id;
--   2. the entries of the request's provider first; when it has none for the model (a host such as
--      azure, amazon-bedrock, vertex or a gateway, whose ids name the vendor's model), any
--      provider's: the vendor's list price. An admin prices a host differently with entries of the
--      host's provider name;
--   3. the first of the candidate ids (model-candidates.sql: the id, the id without its host's
--      forms, its family) that has an entry in force at the request's time;
--   4. among that id's entries: the request's service tier over 'standard' (a tier the catalog has
--      no entry for is priced at standard), then the largest long-context threshold the prompt is
--      above (prompt = input + cache reads + cache writes), then the latest effective_from, then
--      the newest entry.
-- In two parts, so that a batch works out the candidate ids (an alias lookup and a few regular
-- expressions) once per distinct model rather than once per event: ai_usage_price_candidates
-- (step 1 and the ids of step 3) and ai_usage_price_of_candidates (the rest). ai_usage_price_in_force
-- puts them together for one request. Ingest, re-pricing and budget admission call them per row
-- through LEFT JOIN LATERAL; db:generate-sql expands those calls (see inline-helpers.sql), so each
-- is an index probe of the catalog inside the caller's plan rather than a function call.

-- Steps 1 and 3: the ids a request of p_model_used may be priced as, best first.
CREATE FUNCTION ai_usage_private.ai_usage_price_candidates(p_model_used text) RETURNS text[]
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    SELECT ai_usage_private.ai_usage_model_candidates(
        coalesce((SELECT a.model FROM public.ai_model_aliases a WHERE a.alias = p_model_used), p_model_used))
$$;

-- Steps 2 to 4, given the candidate ids. The model test is written = ANY (...): once expanded into
-- a join, an IN list whose items hold columns becomes ORs, which the catalog's index cannot serve.
CREATE FUNCTION ai_usage_private.ai_usage_price_of_candidates(p_ids text[], p_provider text, p_service_tier text, p_prompt_tokens bigint, p_at timestamp with time zone) RETURNS SETOF public.ai_model_prices
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    SELECT p.*
    FROM public.ai_model_prices p
    WHERE p.model_match = ANY (p_ids)
      AND p.service_tier = ANY (ARRAY[p_service_tier, 'standard'::text])
      AND (p.above_prompt_tokens = 0 OR p.above_prompt_tokens < p_prompt_tokens)
      AND p.effective_from <= p_at
      AND (p.effective_to IS NULL OR p_at < p.effective_to)
    ORDER BY (p.provider = p_provider) DESC NULLS LAST, array_position(p_ids, p.model_match),
             (p.service_tier = p_service_tier) DESC,
             p.above_prompt_tokens DESC, p.effective_from DESC, p.id DESC
    LIMIT 1
$$;

-- The whole rule for one request. OFFSET 0 keeps the candidates a subquery evaluated once: pulled
-- up into the catalog scan, they were computed for the index condition and again for the sort key,
-- each time with its own alias lookup.
CREATE FUNCTION ai_usage_private.ai_usage_price_in_force(p_model_used text, p_provider text, p_service_tier text, p_prompt_tokens bigint, p_at timestamp with time zone) RETURNS SETOF public.ai_model_prices
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    SELECT price.*
    FROM (SELECT ai_usage_private.ai_usage_price_candidates(p_model_used) AS ids OFFSET 0) c
    CROSS JOIN LATERAL ai_usage_private.ai_usage_price_of_candidates(c.ids, p_provider, p_service_tier, p_prompt_tokens, p_at) price
$$;

COMMENT ON FUNCTION ai_usage_private.ai_usage_price_candidates(p_model_used text) IS 'The price rule, steps 1 and 3: the ids a request of p_model_used may be priced as, best first (an alias''s model replaces it first).';
COMMENT ON FUNCTION ai_usage_private.ai_usage_price_of_candidates(p_ids text[], p_provider text, p_service_tier text, p_prompt_tokens bigint, p_at timestamp with time zone) IS 'The price rule, steps 2 and 4: the catalog entry that prices a request whose candidate ids are p_ids (ai_usage_price_candidates).';
COMMENT ON FUNCTION ai_usage_private.ai_usage_price_in_force(p_model_used text, p_provider text, p_service_tier text, p_prompt_tokens bigint, p_at timestamp with time zone) IS 'The catalog entry that prices a request of p_model_used (by p_provider: its entries first, else any provider''s) at p_service_tier with a prompt of p_prompt_tokens at p_at; no row = unpriced. The only price rule: ingest, reprice_ai_usage, reserve_ai_usage and explain_ai_model_price use it (ingest in its two parts).';

REVOKE ALL ON FUNCTION ai_usage_private.ai_usage_price_candidates(p_model_used text) FROM PUBLIC, anon, authenticated, service_role;
REVOKE ALL ON FUNCTION ai_usage_private.ai_usage_price_of_candidates(p_ids text[], p_provider text, p_service_tier text, p_prompt_tokens bigint, p_at timestamp with time zone) FROM PUBLIC, anon, authenticated, service_role;
REVOKE ALL ON FUNCTION ai_usage_private.ai_usage_price_in_force(p_model_used text, p_provider text, p_service_tier text, p_prompt_tokens bigint, p_at timestamp with time zone) FROM PUBLIC, anon, authenticated, service_role;
