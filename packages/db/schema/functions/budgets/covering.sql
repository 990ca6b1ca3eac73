-- The budgets in force at p_at that cover a caller: the project's, the user's, and, when the request
-- is made for a customer, the customer's and the user's within that customer. Ordered by id: the
-- one order in which admission and the usage triggers lock their period rows (no deadlocks).
CREATE FUNCTION ai_usage_private._ai_usage_budgets_covering(p_user_id uuid, p_customer_id integer, p_at timestamp with time zone) RETURNS SETOF public.ai_usage_budgets
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    SELECT b.*
    FROM public.ai_usage_budgets b
    WHERE b.effective_from <= p_at AND (b.effective_to IS NULL OR p_at < b.effective_to)
      AND (b.scope = 'project'
           OR (b.scope = 'user' AND b.user_id = p_user_id)
           OR (b.scope = 'customer' AND b.customer_id = p_customer_id)
           OR (b.scope = 'user_in_customer' AND b.user_id = p_user_id AND b.customer_id = p_customer_id))
    ORDER BY b.id
$$;

COMMENT ON FUNCTION ai_usage_private._ai_usage_budgets_covering(p_user_id uuid, p_customer_id integer, p_at timestamp with time zone) IS 'Budgets in force at p_at covering a user (and customer), in lock order (id).';

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_budgets_covering(p_user_id uuid, p_customer_id integer, p_at timestamp with time zone) FROM PUBLIC, anon, authenticated, service_role;
