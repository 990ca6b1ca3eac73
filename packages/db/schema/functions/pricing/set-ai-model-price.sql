-- Admin: adds or corrects a catalog entry (rates in USD per million tokens). Existing usage keeps
-- its stored rates until reprice_ai_usage() is called for the affected model and period.
CREATE FUNCTION public.set_ai_model_price(p_provider text, p_model_match text, p_effective_from timestamp with time zone, p_input_per_mtok numeric, p_output_per_mtok numeric, p_cache_write_5m_per_mtok numeric DEFAULT NULL::numeric, p_cache_write_1h_per_mtok numeric DEFAULT NULL::numeric, p_cache_read_per_mtok numeric DEFAULT NULL::numeric, p_effective_to timestamp with time zone DEFAULT NULL::timestamp with time zone, p_source text DEFAULT NULL::text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
DECLARE
    v_id bigint;
    v_bad record;
BEGIN
    PERFORM ai_usage_private._ai_usage_require_admin('set_ai_model_price');
    IF p_provider IS NULL OR p_model_match IS NULL OR p_effective_from IS NULL
       OR p_input_per_mtok IS NULL OR p_output_per_mtok IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = 'p_provider, p_model_match, p_effective_from, p_input_per_mtok and p_output_per_mtok are required';
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
    INSERT INTO public.ai_model_prices AS p (
        provider, model_match, effective_from, effective_to, input_per_mtok, output_per_mtok,
        cache_write_5m_per_mtok, cache_write_1h_per_mtok, cache_read_per_mtok, source)
    VALUES (p_provider, p_model_match, p_effective_from, p_effective_to, p_input_per_mtok, p_output_per_mtok,
            coalesce(p_cache_write_5m_per_mtok, p_input_per_mtok * 1.25),
            coalesce(p_cache_write_1h_per_mtok, p_input_per_mtok * 2),
            coalesce(p_cache_read_per_mtok, p_input_per_mtok * 0.1),
            p_source)
    ON CONFLICT (provider, model_match, effective_from) DO UPDATE SET
        effective_to = excluded.effective_to,
        input_per_mtok = excluded.input_per_mtok,
        output_per_mtok = excluded.output_per_mtok,
        cache_write_5m_per_mtok = excluded.cache_write_5m_per_mtok,
        cache_write_1h_per_mtok = excluded.cache_write_1h_per_mtok,
        cache_read_per_mtok = excluded.cache_read_per_mtok,
        source = excluded.source
    RETURNING p.id INTO v_id;
    RETURN v_id;
EXCEPTION WHEN check_violation THEN
    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'invalid price: ' || SQLERRM;
END;
$$;

COMMENT ON FUNCTION public.set_ai_model_price(p_provider text, p_model_match text, p_effective_from timestamp with time zone, p_input_per_mtok numeric, p_output_per_mtok numeric, p_cache_write_5m_per_mtok numeric, p_cache_write_1h_per_mtok numeric, p_cache_read_per_mtok numeric, p_effective_to timestamp with time zone, p_source text) IS 'Admin: adds or corrects a price catalog entry (USD per million tokens); call reprice_ai_usage() afterwards to re-price stored usage.';

REVOKE ALL ON FUNCTION public.set_ai_model_price(p_provider text, p_model_match text, p_effective_from timestamp with time zone, p_input_per_mtok numeric, p_output_per_mtok numeric, p_cache_write_5m_per_mtok numeric, p_cache_write_1h_per_mtok numeric, p_cache_read_per_mtok numeric, p_effective_to timestamp with time zone, p_source text) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.set_ai_model_price(p_provider text, p_model_match text, p_effective_from timestamp with time zone, p_input_per_mtok numeric, p_output_per_mtok numeric, p_cache_write_5m_per_mtok numeric, p_cache_write_1h_per_mtok numeric, p_cache_read_per_mtok numeric, p_effective_to timestamp with time zone, p_source text) TO authenticated;
GRANT ALL ON FUNCTION public.set_ai_model_price(p_provider text, p_model_match text, p_effective_from timestamp with time zone, p_input_per_mtok numeric, p_output_per_mtok numeric, p_cache_write_5m_per_mtok numeric, p_cache_write_1h_per_mtok numeric, p_cache_read_per_mtok numeric, p_effective_to timestamp with time zone, p_source text) TO service_role;
