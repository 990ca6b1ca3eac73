-- The service tiers a request can run at and the catalog can price: standard; batch (the Batch
-- APIs, half price at all three providers); flex (OpenAI's slower, cheaper tier); priority (OpenAI
-- and Anthropic's faster, dearer tier); fast (Anthropic's fast mode). ai_model_prices' CHECK lists
-- the same names (tested in the catalog checks).
CREATE FUNCTION ai_usage_private.ai_usage_service_tiers() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    RETURN ARRAY['standard'::text, 'batch'::text, 'flex'::text, 'priority'::text, 'fast'::text];

REVOKE ALL ON FUNCTION ai_usage_private.ai_usage_service_tiers() FROM PUBLIC, anon, authenticated, service_role;
