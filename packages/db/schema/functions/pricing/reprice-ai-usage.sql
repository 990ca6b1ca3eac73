-- Re-prices one model's rows created in [p_from, p_to) from the catalog (after a price was added or
-- corrected); a row stored with provider 'unknown' also takes the provider of its new price.
-- Only rows whose rates change are touched; the UPDATE trigger moves the cost
-- difference into every summary in the same transaction. Returns the number of rows re-priced, and
-- warns when that is 0 (no such rows, no entry for the id, or nothing changed).
CREATE FUNCTION public.reprice_ai_usage(p_model_used text, p_from timestamp with time zone DEFAULT NULL::timestamp with time zone, p_to timestamp with time zone DEFAULT NULL::timestamp with time zone) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
DECLARE
    v_count integer;
    v_stored bigint;
    v_ids text[];
BEGIN
    PERFORM ai_usage_private._ai_usage_require_admin('reprice_ai_usage');
    IF p_model_used IS NULL OR length(p_model_used) = 0 THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'p_model_used is required';
    END IF;
    IF p_from IS NOT NULL AND p_to IS NOT NULL AND p_to <= p_from THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'p_to must be later than p_from';
    END IF;

    -- Every row is of one model: its candidate ids once (pricing/price-in-force.sql).
    v_ids := ai_usage_private.ai_usage_price_candidates(p_model_used);
    UPDATE public.ai_usage_log l
    SET provider = CASE WHEN l.provider = 'unknown' AND p.id IS NOT NULL THEN p.provider ELSE l.provider END,
        price_id = p.id,
        input_price_per_mtok = p.input_per_mtok,
        output_price_per_mtok = p.output_per_mtok,
        cache_write_5m_price_per_mtok = p.cache_write_5m_per_mtok,
        cache_write_1h_price_per_mtok = p.cache_write_1h_per_mtok,
        cache_read_price_per_mtok = p.cache_read_per_mtok
    FROM (
        -- The price rule of ingest (pricing/price-in-force.sql). A row stored with provider
        -- 'unknown' may now match any provider's entry.
        SELECT x.id AS log_id, price.*
        FROM public.ai_usage_log x
        LEFT JOIN LATERAL ai_usage_private.ai_usage_price_of_candidates(
            v_ids, nullif(x.provider, 'unknown'), x.service_tier,
            x.input_tokens::bigint + x.cache_read_tokens + x.cache_write_5m_tokens + x.cache_write_1h_tokens,
            x.created_at) price ON true
        WHERE x.model_used = p_model_used
          AND x.created_at >= coalesce(p_from, '-infinity')
          AND x.created_at < coalesce(p_to, 'infinity')
    ) p
    WHERE l.id = p.log_id
      AND (l.provider = 'unknown' AND p.id IS NOT NULL
           OR (l.price_id, l.input_price_per_mtok, l.output_price_per_mtok, l.cache_write_5m_price_per_mtok,
           l.cache_write_1h_price_per_mtok, l.cache_read_price_per_mtok)
          IS DISTINCT FROM
          (p.id, p.input_per_mtok, p.output_per_mtok, p.cache_write_5m_per_mtok,
           p.cache_write_1h_per_mtok, p.cache_read_per_mtok));
    GET DIAGNOSTICS v_count = ROW_COUNT;
    -- Zero is a plausible answer and a frequent mistake (an id that matches nothing): say which.
    IF v_count = 0 THEN
        SELECT count(*) INTO v_stored FROM public.ai_usage_log x
        WHERE x.model_used = p_model_used
          AND x.created_at >= coalesce(p_from, '-infinity') AND x.created_at < coalesce(p_to, 'infinity');
        RAISE WARNING USING MESSAGE = CASE
            WHEN v_stored = 0 THEN format('reprice_ai_usage: no stored usage has model_used %L in this period; nothing to re-price', p_model_used)
            WHEN NOT EXISTS (SELECT 1 FROM ai_usage_private.ai_usage_price_in_force(p_model_used, NULL, 'standard', 0, now()) price)
                THEN format('reprice_ai_usage: %s stored rows of %L, but no catalog entry prices that id; they stay unpriced', v_stored, p_model_used)
            ELSE format('reprice_ai_usage: %s stored rows of %L already carry the rates of the entries that price them', v_stored, p_model_used)
            END,
            HINT = 'explain_ai_model_price(model) shows which catalog entry an id resolves to and why.';
    END IF;
    RETURN v_count;
END;
$$;

COMMENT ON FUNCTION public.reprice_ai_usage(p_model_used text, p_from timestamp with time zone, p_to timestamp with time zone) IS 'Admin: re-prices p_model_used rows created in [p_from, p_to) (NULL = unbounded) from ai_model_prices; summaries follow in the same transaction. Returns rows changed.';

REVOKE ALL ON FUNCTION public.reprice_ai_usage(p_model_used text, p_from timestamp with time zone, p_to timestamp with time zone) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.reprice_ai_usage(p_model_used text, p_from timestamp with time zone, p_to timestamp with time zone) TO authenticated;
GRANT ALL ON FUNCTION public.reprice_ai_usage(p_model_used text, p_from timestamp with time zone, p_to timestamp with time zone) TO service_role;
