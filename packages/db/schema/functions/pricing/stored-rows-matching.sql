-- How many stored usage rows a catalog entry (or an alias) may price: rows whose model id resolves
-- to p_model_match (through an alias and the candidate ids of model-candidates.sql), of any
-- provider (a host without entries of its own is priced at the vendor's), at p_service_tier ('standard' also prices the tiers without an entry of
-- their own, so it counts every tier), with a prompt above p_above_prompt_tokens, created in
-- [p_from, p_to). An upper bound: a more specific entry may still win for some of them. What
-- set_ai_model_price and set_ai_model_alias report, so that an entry matching nothing is noticed
-- when it is written, not when a report shows the model unpriced.
-- The distinct model ids come from the per-model summary (small), the rows from the log's
-- (model_used, created_at) index.
CREATE FUNCTION ai_usage_private._ai_usage_stored_rows_matching(p_model_match text, p_service_tier text, p_above_prompt_tokens integer, p_from timestamp with time zone, p_to timestamp with time zone) RETURNS bigint
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    SELECT count(*)
    FROM (SELECT DISTINCT s.model_used FROM public.ai_usage_daily_by_model s) m
    JOIN public.ai_usage_log l ON l.model_used = m.model_used
    WHERE p_model_match = ANY (ai_usage_private.ai_usage_model_candidates(coalesce(
              (SELECT a.model FROM public.ai_model_aliases a WHERE a.alias = m.model_used), m.model_used)))
      AND (p_service_tier = 'standard' OR l.service_tier = p_service_tier)
      AND (p_above_prompt_tokens = 0
           OR l.input_tokens::bigint + l.cache_read_tokens + l.cache_write_5m_tokens + l.cache_write_1h_tokens > p_above_prompt_tokens)
      AND l.created_at >= coalesce(p_from, '-infinity')
      AND l.created_at < coalesce(p_to, 'infinity')
$$;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_stored_rows_matching(p_model_match text, p_service_tier text, p_above_prompt_tokens integer, p_from timestamp with time zone, p_to timestamp with time zone) FROM PUBLIC, anon, authenticated, service_role;
