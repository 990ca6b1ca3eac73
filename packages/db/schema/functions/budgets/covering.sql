-- The budgets in force at p_at that cover a caller: the project's, the user's, and, when the request
-- is made for a customer, the customer's and the user's within that customer. Ordered by id: the
-- one order in which admission and the usage triggers lock their period rows (no deadlocks).
-- One index-backed branch per scope (ended budgets stay in the table as history, so a scan of it
-- would grow with every change of limit), and PL/pgSQL so that the plan is kept: admission calls
-- this on its hot path.
CREATE FUNCTION ai_usage_private._ai_usage_budgets_covering(p_user_id uuid, p_customer_id integer, p_at timestamp with time zone) RETURNS SETOF public.ai_usage_budgets
    LANGUAGE plpgsql STABLE
    SET search_path TO ''
    AS $$
BEGIN
    RETURN QUERY
    SELECT c.* FROM (
        SELECT b.* FROM public.ai_usage_budgets b
        WHERE b.scope = 'project'
        UNION ALL
        SELECT b.* FROM public.ai_usage_budgets b
        WHERE b.user_id = p_user_id AND (b.scope = 'user' OR b.customer_id = p_customer_id)
        UNION ALL
        SELECT b.* FROM public.ai_usage_budgets b
        WHERE b.customer_id = p_customer_id AND b.scope = 'customer'
    ) c
    WHERE c.effective_from <= p_at AND (c.effective_to IS NULL OR p_at < c.effective_to)
    ORDER BY c.id;
END;
$$;

COMMENT ON FUNCTION ai_usage_private._ai_usage_budgets_covering(p_user_id uuid, p_customer_id integer, p_at timestamp with time zone) IS 'Budgets in force at p_at covering a user (and customer), in lock order (id).';

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_budgets_covering(p_user_id uuid, p_customer_id integer, p_at timestamp with time zone) FROM PUBLIC, anon, authenticated, service_role;
