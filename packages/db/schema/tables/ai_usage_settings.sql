-- Settings: one row. Read by the functions (SECURITY DEFINER); changed only through
-- set_ai_reporting_time_zone and set_ai_usage_self_logging, which keep dependent state right.
CREATE TABLE public.ai_usage_settings (
    singleton boolean NOT NULL DEFAULT true,
    reporting_time_zone text NOT NULL DEFAULT 'UTC',
    allow_user_self_logging boolean NOT NULL DEFAULT false,
    updated_at timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT ai_usage_settings_pkey PRIMARY KEY (singleton),
    CONSTRAINT ai_usage_settings_singleton_check CHECK (singleton)
);
-- The one row the functions read (data, but the schema does not work without it).
INSERT INTO public.ai_usage_settings DEFAULT VALUES;

COMMENT ON TABLE public.ai_usage_settings IS 'One row. reporting_time_zone decides day/week/month boundaries of every summary and report; change it with set_ai_reporting_time_zone(). allow_user_self_logging lets authenticated users log their own usage (off by default: logging is a server-side act).';

-- No policy: nobody reads it through the API but the server.
ALTER TABLE public.ai_usage_settings ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON TABLE public.ai_usage_settings FROM PUBLIC, anon, authenticated, service_role;
GRANT SELECT ON TABLE public.ai_usage_settings TO service_role;
