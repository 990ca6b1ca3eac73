-- PL/pgSQL, not SQL: a SQL function with a FROM clause is never inlined and is planned again on
-- every call (and every write's trigger reads it), where PL/pgSQL keeps its plan.
CREATE FUNCTION ai_usage_private.ai_usage_reporting_time_zone() RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
BEGIN
    RETURN (SELECT s.reporting_time_zone FROM public.ai_usage_settings s);
END;
$$;

-- Admin: change the reporting time zone and rebuild the summaries in the same transaction.
CREATE FUNCTION public.set_ai_reporting_time_zone(p_time_zone text) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
DECLARE
    v_name text;
BEGIN
    PERFORM ai_usage_private._ai_usage_require_admin('set_ai_reporting_time_zone');
    SELECT z.name INTO v_name FROM pg_catalog.pg_timezone_names z WHERE lower(z.name) = lower(p_time_zone)
    ORDER BY (z.name = p_time_zone) DESC LIMIT 1;
    IF v_name IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('unknown time zone %L', p_time_zone),
            HINT = 'Use an IANA name such as UTC, Europe/Berlin or America/New_York (see pg_timezone_names).';
    END IF;
    -- Writers first wait here, then see the new zone: the rebuild and the zone change are atomic.
    LOCK TABLE public.ai_usage_log IN SHARE MODE;
    UPDATE public.ai_usage_settings SET reporting_time_zone = v_name, updated_at = now();
    PERFORM ai_usage_private._ai_usage_rebuild_summaries();
    RETURN v_name;
END;
$$;

COMMENT ON FUNCTION public.set_ai_reporting_time_zone(p_time_zone text) IS 'Admin: sets the reporting time zone (IANA name) and rebuilds every summary in the same transaction.';

REVOKE ALL ON FUNCTION ai_usage_private.ai_usage_reporting_time_zone() FROM PUBLIC, anon, authenticated, service_role;

REVOKE ALL ON FUNCTION public.set_ai_reporting_time_zone(p_time_zone text) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.set_ai_reporting_time_zone(p_time_zone text) TO authenticated;
GRANT ALL ON FUNCTION public.set_ai_reporting_time_zone(p_time_zone text) TO service_role;
