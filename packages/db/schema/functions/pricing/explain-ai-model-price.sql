-- Which catalog entry (if any) prices a model id, and why: the alias it went through, the candidate
-- ids in the order the rule tries them, the entry that won, and whether it is another provider's
-- (a host without entries of its own) or of the standard tier (a tier without an entry). Calls the price rule itself (price-in-force.sql), so it cannot tell another story than
-- ingest. Any signed-in user (the catalog is readable to them) and the server.
CREATE FUNCTION public.explain_ai_model_price(p_model_used text, p_provider text DEFAULT NULL::text, p_service_tier text DEFAULT 'standard'::text, p_prompt_tokens bigint DEFAULT 0, p_at timestamp with time zone DEFAULT now()) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
DECLARE
    v_alias public.ai_model_aliases;
    v_ids text[];
    v_price public.ai_model_prices;
    v_rules text[] := ai_usage_private.ai_usage_model_candidate_rules();
    v_rule text;
BEGIN
    IF NOT ai_usage_private._ai_usage_caller_is_server() AND auth.uid() IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'permission denied: sign in to read the price catalog';
    END IF;
    IF p_model_used IS NULL OR length(p_model_used) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'p_model_used is required (1 to 200 characters)';
    END IF;
    IF p_service_tier IS NULL OR NOT p_service_tier = ANY (ai_usage_private.ai_usage_service_tiers()) THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('p_service_tier must be one of %s', array_to_string(ai_usage_private.ai_usage_service_tiers(), ', '));
    END IF;
    IF p_prompt_tokens IS NULL OR p_prompt_tokens < 0 OR p_at IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'p_prompt_tokens (0 or more) and p_at are required';
    END IF;

    SELECT * INTO v_alias FROM public.ai_model_aliases a WHERE a.alias = p_model_used;
    v_ids := ai_usage_private.ai_usage_price_candidates(p_model_used);
    -- Aliased: db:generate-sql expands the call into a subquery, and PostgreSQL 15 requires every
    -- subquery in FROM to have a name.
    SELECT price.* INTO v_price
    FROM ai_usage_private.ai_usage_price_in_force(p_model_used, p_provider, p_service_tier, p_prompt_tokens, p_at) price;
    v_rule := v_rules[array_position(v_ids, v_price.model_match)];

    RETURN jsonb_build_object(
        'model_used', p_model_used,
        'alias', CASE WHEN v_alias.alias IS NOT NULL
                      THEN jsonb_build_object('alias', v_alias.alias, 'model', v_alias.model) END,
        'candidates', (SELECT jsonb_agg(jsonb_build_object('model_match', c.id, 'rule', v_rules[c.n]) ORDER BY c.n)
                       FROM unnest(v_ids) WITH ORDINALITY AS c(id, n)
                       WHERE c.n = 1 OR c.id <> ALL (v_ids[1:c.n - 1])),
        'price', CASE WHEN v_price.id IS NOT NULL THEN jsonb_build_object(
            'id', v_price.id, 'provider', v_price.provider, 'model_match', v_price.model_match,
            'service_tier', v_price.service_tier, 'above_prompt_tokens', v_price.above_prompt_tokens,
            'effective_from', v_price.effective_from, 'effective_to', v_price.effective_to,
            'input_per_mtok', v_price.input_per_mtok, 'output_per_mtok', v_price.output_per_mtok,
            'cache_write_5m_per_mtok', v_price.cache_write_5m_per_mtok,
            'cache_write_1h_per_mtok', v_price.cache_write_1h_per_mtok,
            'cache_read_per_mtok', v_price.cache_read_per_mtok, 'source', v_price.source) END,
        'matched', v_rule,
        'tier_fallback', v_price.id IS NOT NULL AND v_price.service_tier <> p_service_tier,
        'provider_fallback', v_price.id IS NOT NULL AND p_provider IS NOT NULL AND v_price.provider <> p_provider,
        'explanation', CASE
            WHEN v_price.id IS NULL THEN format(
                '%s is unpriced: no catalog entry for %s%s in force at %s.', p_model_used,
                array_to_string(ARRAY(SELECT DISTINCT unnest(v_ids)), ', '),
                CASE WHEN v_alias.alias IS NOT NULL THEN format(' (alias of %s)', v_alias.model) ELSE '' END, p_at)
            ELSE format('%s is priced by %s entry %s (%s %s%s%s, from %s): matched as %s.%s%s', p_model_used,
                v_price.provider, v_price.id, v_price.model_match, v_price.service_tier,
                CASE WHEN v_price.above_prompt_tokens > 0 THEN format(', prompts above %s tokens', v_price.above_prompt_tokens) ELSE '' END,
                CASE WHEN v_alias.alias IS NOT NULL THEN format(', through alias %s -> %s', v_alias.alias, v_alias.model) ELSE '' END,
                v_price.effective_from, v_rule,
                CASE WHEN p_provider IS NOT NULL AND v_price.provider <> p_provider
                     THEN format(' No %s entry prices it, so %s''s price applies.', p_provider, v_price.provider) ELSE '' END,
                CASE WHEN v_price.service_tier <> p_service_tier
                     THEN format(' The catalog has no %s entry for it, so the standard rate applies.', p_service_tier) ELSE '' END)
            END);
END;
$$;

COMMENT ON FUNCTION public.explain_ai_model_price(p_model_used text, p_provider text, p_service_tier text, p_prompt_tokens bigint, p_at timestamp with time zone) IS 'Which price catalog entry (if any) prices p_model_used at a tier and prompt size, and why: alias, candidate ids in rule order, the winning entry, tier fallback, a one-sentence explanation. Signed-in users and the server.';

REVOKE ALL ON FUNCTION public.explain_ai_model_price(p_model_used text, p_provider text, p_service_tier text, p_prompt_tokens bigint, p_at timestamp with time zone) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.explain_ai_model_price(p_model_used text, p_provider text, p_service_tier text, p_prompt_tokens bigint, p_at timestamp with time zone) TO authenticated;
GRANT ALL ON FUNCTION public.explain_ai_model_price(p_model_used text, p_provider text, p_service_tier text, p_prompt_tokens bigint, p_at timestamp with time zone) TO service_role;
