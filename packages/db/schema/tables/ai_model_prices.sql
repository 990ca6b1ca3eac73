-- The price catalog: effective-dated rates in USD per million tokens, per provider and model.
-- Written through set_ai_model_price (admins); read by ingest (ai_usage_price_in_force's rule) and
-- by signed-in users (the app may show prices). The built-in rows are data, shipped by migrations.
CREATE TABLE public.ai_model_prices (
    id bigserial NOT NULL,
    provider text NOT NULL,
    -- An exact model id, or a family that dated ids fall back to (pricing/model-family.sql).
    model_match text NOT NULL,
    effective_from timestamptz(6) NOT NULL,
    effective_to timestamptz(6),
    input_per_mtok numeric(12,6) NOT NULL,
    output_per_mtok numeric(12,6) NOT NULL,
    cache_write_5m_per_mtok numeric(12,6) NOT NULL,
    cache_write_1h_per_mtok numeric(12,6) NOT NULL,
    cache_read_per_mtok numeric(12,6) NOT NULL,
    source text,
    -- The service tier this entry prices (pricing/service-tiers.sql): a request of a tier the
    -- catalog has no entry for is priced at 'standard'.
    service_tier text NOT NULL DEFAULT 'standard',
    -- Long context: the entry prices only requests whose prompt (input + cache reads + cache
    -- writes) is above this many tokens, and then all of the request (0 = every request).
    above_prompt_tokens integer NOT NULL DEFAULT 0,
    created_at timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT ai_model_prices_pkey PRIMARY KEY (id),
    CONSTRAINT ai_model_prices_rates_check CHECK (
        input_per_mtok >= 0 AND output_per_mtok >= 0 AND cache_write_5m_per_mtok >= 0
        AND cache_write_1h_per_mtok >= 0 AND cache_read_per_mtok >= 0),
    -- NaN compares greater than every number, so `rate >= 0` alone accepts it; one NaN rate made
    -- every report return "NaN". numeric(12,6) cannot hold Infinity at all.
    CONSTRAINT ai_model_prices_rates_finite_check CHECK (
        input_per_mtok <> 'NaN' AND output_per_mtok <> 'NaN' AND cache_write_5m_per_mtok <> 'NaN'
        AND cache_write_1h_per_mtok <> 'NaN' AND cache_read_per_mtok <> 'NaN'),
    CONSTRAINT ai_model_prices_period_check CHECK (effective_to IS NULL OR effective_to > effective_from),
    CONSTRAINT ai_model_prices_names_check CHECK (
        length(provider) BETWEEN 1 AND 64 AND length(model_match) BETWEEN 1 AND 200),
    -- The names of ai_usage_private.ai_usage_service_tiers(); the catalog checks test that they agree.
    CONSTRAINT ai_model_prices_service_tier_check CHECK (
        service_tier IN ('standard', 'batch', 'flex', 'priority', 'fast')),
    CONSTRAINT ai_model_prices_above_prompt_tokens_check CHECK (above_prompt_tokens >= 0)
);
-- One entry per model, tier and prompt size from a date; also the price rule's lookup (by
-- provider and model, then the few entries of that model).
CREATE UNIQUE INDEX ai_model_prices_provider_model_tier_size_effective_from_key
    ON public.ai_model_prices (provider, model_match, service_tier, above_prompt_tokens, effective_from);
-- The price rule when a request names no provider.
CREATE INDEX ai_model_prices_model_match_idx ON public.ai_model_prices (model_match);

COMMENT ON TABLE public.ai_model_prices IS 'Effective-dated model prices (USD per million tokens), per service tier and prompt size. A usage row is priced by the entry in force at its created_at (see explain_ai_model_price): the model id itself, else without its host''s forms (Bedrock, Vertex, region prefixes), else its family (date, -latest, -preview-MM-DD suffix removed); an alias (ai_model_aliases) replaces the id first.';
COMMENT ON COLUMN public.ai_model_prices.cache_write_5m_per_mtok IS 'Prompt-cache write, 5-minute TTL (OpenAI: any cache write). Providers or models without cache-write charges bill such tokens as ordinary input, so their rows repeat the input rate.';
COMMENT ON COLUMN public.ai_model_prices.service_tier IS 'The service tier this entry prices: standard, batch (Batch APIs), flex, priority, fast (Anthropic fast mode). A request of a tier without an entry is priced at standard.';
COMMENT ON COLUMN public.ai_model_prices.above_prompt_tokens IS 'Long-context entries: prices a whole request whose prompt (input + cache read + cache write tokens) is above this many tokens; 0 = any request.';

-- Log rows name the entry they were priced with (ai_usage_log.price_id, no foreign key: its per-row
-- check costs more than the rest of a batch insert's validation), so entries are history: never
-- deleted or re-keyed (pricing/keep-price-history.sql).
CREATE TRIGGER ai_model_prices_keep_history
    BEFORE DELETE OR UPDATE ON public.ai_model_prices
    FOR EACH ROW EXECUTE FUNCTION ai_usage_private._ai_model_prices_keep_history();

ALTER TABLE public.ai_model_prices ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Signed-in users can read prices" ON public.ai_model_prices
    FOR SELECT TO authenticated USING (true);

-- Writes go through set_ai_model_price (SECURITY DEFINER) only.
REVOKE ALL ON TABLE public.ai_model_prices FROM PUBLIC, anon, authenticated, service_role;
GRANT SELECT ON TABLE public.ai_model_prices TO authenticated, service_role;
REVOKE ALL ON SEQUENCE public.ai_model_prices_id_seq FROM PUBLIC, anon, authenticated, service_role;
