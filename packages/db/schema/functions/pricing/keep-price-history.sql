-- price_id names the catalog entry a row was priced with. No foreign key: its per-row check costs
-- more than the rest of a batch insert's validation; instead catalog entries can never be deleted
-- or re-keyed (below), so every price_id stays resolvable.
CREATE FUNCTION ai_usage_private._ai_model_prices_keep_history() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.id IS DISTINCT FROM OLD.id THEN
        RAISE EXCEPTION USING ERRCODE = '55000',
            MESSAGE = 'price catalog entries are history and cannot be deleted or re-keyed',
            HINT = 'End an entry with effective_to, or correct it with set_ai_model_price() and re-price with reprice_ai_usage().';
    END IF;
    RETURN NEW;
END;
$$;

REVOKE ALL ON FUNCTION ai_usage_private._ai_model_prices_keep_history() FROM PUBLIC, anon, authenticated, service_role;
