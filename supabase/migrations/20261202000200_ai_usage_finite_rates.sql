-- Issue 13, "NaN": PostgreSQL's numeric NaN compares greater than every number, so `rate >= 0`
-- accepts it. One NaN rate made get_ai_cost_summary() return "NaN" and every dashboard call fail
-- until a rebuild. Rates must be finite numbers: NaN is refused here (a numeric(12,6) column cannot
-- hold Infinity at all: "numeric field overflow"). Costs are generated from tokens and these rates,
-- so they are finite too. set_ai_model_price (below) names the bad argument with SQLSTATE 22023.

ALTER TABLE public.ai_model_prices ADD CONSTRAINT "ai_model_prices_rates_finite_check" CHECK (
    input_per_mtok <> 'NaN' AND output_per_mtok <> 'NaN' AND cache_write_5m_per_mtok <> 'NaN'
    AND cache_write_1h_per_mtok <> 'NaN' AND cache_read_per_mtok <> 'NaN');

-- The log keeps copies of the rates it was priced with (they come from the catalog, so none can be
-- NaN once the catalog refuses it; this closes the path of a direct write by the owner too).
-- NOT VALID then VALIDATE, the form a migration linter expects; in one deploy transaction the
-- ACCESS EXCLUSIVE lock of ADD CONSTRAINT is held until commit either way, so writers wait for the
-- one scan of the log (about a second per million rows).
ALTER TABLE public.ai_usage_log ADD CONSTRAINT "ai_usage_log_rates_finite_check" CHECK (
    input_price_per_mtok IS NULL OR (
        input_price_per_mtok <> 'NaN' AND output_price_per_mtok <> 'NaN'
        AND cache_write_5m_price_per_mtok <> 'NaN' AND cache_write_1h_price_per_mtok <> 'NaN'
        AND cache_read_price_per_mtok <> 'NaN')) NOT VALID;
ALTER TABLE public.ai_usage_log VALIDATE CONSTRAINT "ai_usage_log_rates_finite_check";

-- Admin: adds or corrects a catalog entry (rates in USD per million tokens). Existing usage keeps
-- its stored rates until reprice_ai_usage() is called for the affected model and period.
CREATE OR REPLACE FUNCTION public.set_ai_model_price(
    p_provider text,
    p_model_match text,
    p_effective_from timestamptz,
    p_input_per_mtok numeric,
    p_output_per_mtok numeric,
    p_cache_write_5m_per_mtok numeric DEFAULT NULL,  -- NULL = 1.25 x input (Anthropic's multiplier)
    p_cache_write_1h_per_mtok numeric DEFAULT NULL,  -- NULL = 2 x input
    p_cache_read_per_mtok numeric DEFAULT NULL,      -- NULL = 0.1 x input
    p_effective_to timestamptz DEFAULT NULL,
    p_source text DEFAULT NULL
)
RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = ''
AS $$
DECLARE
    v_id bigint;
    v_bad record;
BEGIN
    PERFORM public._ai_usage_require_admin('set_ai_model_price');
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
