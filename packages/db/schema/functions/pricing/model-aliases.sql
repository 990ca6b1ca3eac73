-- Admin: maps a model id the catalog cannot know (an Azure deployment name, a gateway's own id) to
-- the model id it stands for; the price rule then resolves the target like any id. Setting an alias
-- again replaces its target. Returns {alias, model, stored_rows}: how many stored rows carry the
-- alias (re-price them with reprice_ai_usage(alias)).
CREATE FUNCTION public.set_ai_model_alias(p_alias text, p_model text, p_note text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
DECLARE
    v_stored bigint;
BEGIN
    PERFORM ai_usage_private._ai_usage_require_admin('set_ai_model_alias');
    IF p_alias IS NULL OR length(p_alias) NOT BETWEEN 1 AND 200 OR p_model IS NULL OR length(p_model) NOT BETWEEN 1 AND 200 THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'p_alias and p_model are required (1 to 200 characters each)';
    END IF;
    IF p_alias = p_model THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'an alias must name another model id';
    END IF;
    IF EXISTS (SELECT 1 FROM public.ai_model_aliases a WHERE a.alias = p_model) THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('%L is itself an alias; point %L at the model id it stands for', p_model, p_alias);
    END IF;
    IF EXISTS (SELECT 1 FROM public.ai_model_aliases a WHERE a.model = p_alias) THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = format('aliases point at %L; it cannot become an alias itself', p_alias);
    END IF;
    IF p_note IS NOT NULL AND length(p_note) > 500 THEN
        RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'p_note must be at most 500 characters';
    END IF;
    INSERT INTO public.ai_model_aliases AS a (alias, model, note)
    VALUES (p_alias, p_model, p_note)
    ON CONFLICT (alias) DO UPDATE SET model = excluded.model, note = excluded.note;

    SELECT count(*) INTO v_stored FROM public.ai_usage_log l WHERE l.model_used = p_alias;
    IF v_stored = 0 THEN
        RAISE WARNING USING MESSAGE = format('set_ai_model_alias: no stored usage has model_used %L yet', p_alias);
    END IF;
    RETURN jsonb_build_object('alias', p_alias, 'model', p_model, 'stored_rows', v_stored);
END;
$$;

COMMENT ON FUNCTION public.set_ai_model_alias(p_alias text, p_model text, p_note text) IS 'Admin: prices model id p_alias as p_model (e.g. an Azure deployment name). Returns {alias, model, stored_rows}; re-price stored rows with reprice_ai_usage(p_alias).';

REVOKE ALL ON FUNCTION public.set_ai_model_alias(p_alias text, p_model text, p_note text) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.set_ai_model_alias(p_alias text, p_model text, p_note text) TO authenticated;
GRANT ALL ON FUNCTION public.set_ai_model_alias(p_alias text, p_model text, p_note text) TO service_role;

-- Admin: removes an alias; returns whether there was one. Stored rows keep their rates until
-- re-priced.
CREATE FUNCTION public.delete_ai_model_alias(p_alias text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
BEGIN
    PERFORM ai_usage_private._ai_usage_require_admin('delete_ai_model_alias');
    DELETE FROM public.ai_model_aliases a WHERE a.alias = p_alias;
    RETURN FOUND;
END;
$$;

COMMENT ON FUNCTION public.delete_ai_model_alias(p_alias text) IS 'Admin: removes a model id alias; returns whether it existed.';

REVOKE ALL ON FUNCTION public.delete_ai_model_alias(p_alias text) FROM PUBLIC, anon, authenticated, service_role;
GRANT ALL ON FUNCTION public.delete_ai_model_alias(p_alias text) TO authenticated;
GRANT ALL ON FUNCTION public.delete_ai_model_alias(p_alias text) TO service_role;
