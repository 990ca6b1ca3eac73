-- Application roles per user, as the original design assumes the app has them: user_role = 'admin'
-- makes an AI usage admin (access/is-ai-usage-admin.sql). The migration creates it only when the
-- project does not have one already; a foreign user_roles of another shape is refused before
-- anything is applied (migration ..._ai_usage_preflight).
CREATE TABLE public.user_roles (
    user_id uuid NOT NULL,
    user_role text NOT NULL,
    created_at timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT user_roles_pkey PRIMARY KEY (user_id, user_role),
    CONSTRAINT user_roles_user_role_check CHECK (length(user_role) BETWEEN 1 AND 64)
);
COMMENT ON TABLE public.user_roles IS 'Application roles per user (created by the AI usage migration). user_role = ''admin'' makes an AI usage admin.';

-- A user sees their own roles (the app can show "admin"); only the server changes them.
ALTER TABLE public.user_roles ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can view own roles" ON public.user_roles
    FOR SELECT TO authenticated USING (user_id = (SELECT auth.uid() AS uid));

REVOKE ALL ON TABLE public.user_roles FROM PUBLIC, anon, authenticated, service_role;
GRANT SELECT ON TABLE public.user_roles TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public.user_roles TO service_role;
