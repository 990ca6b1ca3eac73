-- Admin: adds or corrects a catalog entry (rates in USD per million tokens) of a model (or family),
-- service tier and prompt size (above_prompt_tokens > 0: a long-context entry). Existing usage keeps
-- its stored rates until reprice_ai_usage() is called for the affected model and period.
--
-- Omitted cache rates: Anthropic's published multipliers of the input rate (write 5m 1.25x, write 1h
-- 2x, read 0.1x). OpenAI and Google bill cache writes as input where they bill them at all, so
-- writes default to the input rate, but their cache-read discount differs by model (OpenAI
-- 0.1x-0.5x, Google 0.1x-0.25x): it must be stated, since a guess would misprice every cached token.
-- Any other provider: no discount is assumed (every cache rate = the input rate), which can
-- over-state a cost but never under-state it.
--
-- Returns {price_id, stored_rows, warning}: stored_rows is how many stored usage rows the entry may
-- price (_ai_usage_stored_rows_matching); when 0, warning says so (also raised as a WARNING), since
-- an entry for an id that nothing uses is most often a typo or another host's spelling.
CREATE FUNCTION public.set_ai_model_price(p_provider text, p_model_match text, p_effective_from timestamp with time zone, p_input_per_mtok numeric, p_output_per_mtok numeric, p_cache_write_5m_per_mtok numeric DEFAULT NULL::numeric, p_cache_write_1h_per_mtok numeric DEFAULT NULL::numeric, p_cache_read_per_mtok numeric DEFAULT NULL::numeric, p_effective_to timestamp with time zone DEFAULT NULL::timestamp with time zone, p_source text DEFAULT NULL::text, p_service_tier text DEFAULT 'standard'::text, p_above_prompt_tokens integer DEFAULT 0) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
DECLARE
    v_id bigint;
    v_bad record;
    v_anthropic boolean := p_provider = 'anthropic';
    v_stored bigint;
    v_warning text;
BEGIN
    PERFORM ai_usage_private._ai_usage_require_admin('set_ai_model_price');
    IF p_provider IS NULL OR p_model_match IS NULL OR p_effective_from IS NULL
       OR p_input_per_mtok IS NULL OR p_output_per_mtok IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = 'p_provider, p_model_match, p_effective_from, p_input_per_mtok and p_output_per_mtok are required';
    END IF;
    IF p_service_tier IS NULL OR NOT p_service_tier = ANY (ai_usage_private.ai_usage_service_tiers()) THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('p_service_tier must be one of %s (got %s)',
                             array_to_string(ai_usage_private.ai_usage_service_tiers(), ', '), coalesce(p_service_tier, 'null'));
    END IF;
    IF p_above_prompt_tokens IS NULL OR p_above_prompt_tokens < 0 THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = 'p_above_prompt_tokens must be 0 (every request) or the prompt size above which the entry applies';
    END IF;
    -- Named in the message: Infinity would otherwise fail as "numeric field overflow" (22003), and
    -- NaN as a bare check-constraint name.
    SELECT r.name, r.rate INTO v_bad
    FROM (VALUES ('p_input_per_mtok', p_input_per_mtok), ('p_output_per_mtok', p_output_per_mtok),
                 ('p_cache_write_5m_per_mtok', p_cache_write_5m_per_mtok),
                 ('p_cache_write_1h_per_mtok', p_cache_write_1h_per_mtok),
                 ('p_cache_read_per_mtok', p_cache_read_per_mtok)) AS r(name, rate)
    WHERE r.rate IS NOT NULL AND (r.rate IN ('NaN', 'Infinity', '-Infinity') OR r.rate < 0)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('invalid price: %s must be a finite number of at least 0 (got %s)', v_bad.name, v_bad.rate);
    END IF;
    IF p_cache_read_per_mtok IS NULL AND p_provider IN ('openai', 'google') THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('p_cache_read_per_mtok is required for provider %s: its cached-input discount differs by model', p_provider),
            HINT = 'State the provider''s cached-input rate; use p_input_per_mtok if cached input gets no discount.';
    END IF;
    INSERT INTO public.ai_model_prices AS p (
        provider, model_match, service_tier, above_prompt_tokens, effective_from, effective_to,
        input_per_mtok, output_per_mtok, cache_write_5m_per_mtok, cache_write_1h_per_mtok,
        cache_read_per_mtok, source)
    VALUES (p_provider, p_model_match, p_service_tier, p_above_prompt_tokens, p_effective_from, p_effective_to,
            p_input_per_mtok, p_output_per_mtok,
            coalesce(p_cache_write_5m_per_mtok, CASE WHEN v_anthropic THEN p_input_per_mtok * 1.25 ELSE p_input_per_mtok END),
            coalesce(p_cache_write_1h_per_mtok, CASE WHEN v_anthropic THEN p_input_per_mtok * 2
                                                     ELSE coalesce(p_cache_write_5m_per_mtok, p_input_per_mtok) END),
            coalesce(p_cache_read_per_mtok, CASE WHEN v_anthropic THEN p_input_per_mtok * 0.1 ELSE p_input_per_mtok END),
            p_source)
    ON CONFLICT (provider, model_match, service_tier, above_prompt_tokens, effective_from) DO UPDATE SET
        effective_to = excluded.effective_to,
        input_per_mtok = excluded.input_per_mtok,
        output_per_mtok = excluded.output_per_mtok,
        cache_write_5m_per_mtok = excluded.cache_write_5m_per_mtok,
        cache_write_1h_per_mtok = excluded.cache_write_1h_per_mtok,
        cache_read_per_mtok = excluded.cache_read_per_mtok,
        source = excluded.source
    RETURNING p.id INTO v_id;

    v_stored := ai_usage_private._ai_usage_stored_rows_matching(
        p_model_match, p_service_tier, p_above_prompt_tokens, p_effective_from, p_effective_to);
    IF v_stored = 0 THEN
        v_warning := format('no stored usage resolves to %s %s in this entry''s period yet; check the id '
                            '(explain_ai_model_price) or add an alias (set_ai_model_alias) if usage arrives under another name',
                            p_provider, p_model_match);
        RAISE WARNING USING MESSAGE = 'set_ai_model_price: ' || v_warning;
    END IF;
    RETURN jsonb_build_object('price_id', v_id, 'stored_rows', v_stored, 'warning', v_warning);
EXCEPTION WHEN check_violation THEN
    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'invalid price: ' || SQLERRM;
END;
$$;

COMMENT ON FUNCTION public.set_ai_model_price(p_provider text, p_model_match text, p_effective_from timestamp with time zone, p_input_per_mtok numeric, p_output_per_mtok numeric, p_cache_write_5m_per_mtok numeric, p_cache_write_1h_per_mtok numeric, p_cache_read_per_mtok numeric, p_effective_to timestamp with time zone, p_source text, p_service_tier text, p_above_prompt_tokens integer) IS 'Admin: adds or corrects a price catalog entry (USD per million tokens) of a model, service tier and prompt size; returns {price_id, stored_rows, warning} (warning when no stored usage would be priced by it). Call reprice_ai_usage() afterwards to re-price stored usage.';

REVOKE ALL ON FUNCTION public.set_ai_model_price(p_provider text, p_model_match text, p_effective_from timestamp with time zone, p_input_per_mtok numeric, p_output_per_mtok numeric, p_cache_write_5m_per_mtok numeric, p_cache_write_1h_per_mtok numeric, p_cache_read_per_mtok numeric, p_effective_to timestamp with time zone, p_source text, p_service_tier text, p_above_prompt_tokens integer) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.set_ai_model_price(p_provider text, p_model_match text, p_effective_from timestamp with time zone, p_input_per_mtok numeric, p_output_per_mtok numeric, p_cache_write_5m_per_mtok numeric, p_cache_write_1h_per_mtok numeric, p_cache_read_per_mtok numeric, p_effective_to timestamp with time zone, p_source text, p_service_tier text, p_above_prompt_tokens integer) TO authenticated;
GRANT ALL ON FUNCTION public.set_ai_model_price(p_provider text, p_model_match text, p_effective_from timestamp with time zone, p_input_per_mtok numeric, p_output_per_mtok numeric, p_cache_write_5m_per_mtok numeric, p_cache_write_1h_per_mtok numeric, p_cache_read_per_mtok numeric, p_effective_to timestamp with time zone, p_source text, p_service_tier text, p_above_prompt_tokens integer) TO service_role;
