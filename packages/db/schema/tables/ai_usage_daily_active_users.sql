CREATE TABLE public.ai_usage_daily_active_users (
    usage_date date NOT NULL,
    active_users bigint NOT NULL
);

COMMENT ON TABLE public.ai_usage_daily_active_users IS 'Per day (reporting zone): distinct users, i.e. the rows of ai_usage_daily_by_user for that day. Days with none have no row.';

ALTER TABLE ONLY public.ai_usage_daily_active_users
    ADD CONSTRAINT ai_usage_daily_active_users_pkey PRIMARY KEY (usage_date);

ALTER TABLE public.ai_usage_daily_active_users ENABLE ROW LEVEL SECURITY;

REVOKE ALL ON TABLE public.ai_usage_daily_active_users FROM PUBLIC, anon, authenticated, service_role;
GRANT SELECT ON TABLE public.ai_usage_daily_active_users TO service_role;
