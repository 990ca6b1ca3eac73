-- Records many events in one transaction; one row per event, in input order. inserted = false
-- when the request id was already stored (its first row's id is returned). One bad event rejects
-- the whole call with SQLSTATE 22023 naming the event index and the field.
CREATE FUNCTION public.log_ai_usage_batch(p_events jsonb) RETURNS TABLE(event_index integer, id uuid, request_id text, inserted boolean)
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO ''
    AS $$
    SELECT * FROM ai_usage_private._ai_usage_ingest(p_events, false)
$$;

COMMENT ON FUNCTION public.log_ai_usage_batch(p_events jsonb) IS 'Records a JSON array of usage events in one transaction, idempotent per request_id; returns (event_index, id, request_id, inserted). Server-side: service role or table owner.';

REVOKE ALL ON FUNCTION public.log_ai_usage_batch(p_events jsonb) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.log_ai_usage_batch(p_events jsonb) TO authenticated;
GRANT ALL ON FUNCTION public.log_ai_usage_batch(p_events jsonb) TO service_role;
