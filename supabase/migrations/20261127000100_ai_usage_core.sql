-- AI usage tracking: settings, price catalog, the usage log and its ingest functions.
-- Public names and JSON keys follow the original spec (supabase/migrations/..._add_ai_usage_tracking.sql);
-- see docs/database-api.md for the contract. Grants and RLS are in the *_ai_usage_security migration.

-- ============================================================================
-- Settings (a single row): the reporting time zone and the self-logging switch.
-- ============================================================================
CREATE TABLE "ai_usage_settings" (
    "singleton" BOOLEAN NOT NULL DEFAULT true,
    "reporting_time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "allow_user_self_logging" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ai_usage_settings_pkey" PRIMARY KEY ("singleton"),
    CONSTRAINT "ai_usage_settings_singleton_check" CHECK ("singleton")
);
INSERT INTO ai_usage_settings DEFAULT VALUES;

COMMENT ON TABLE ai_usage_settings IS 'One row. reporting_time_zone decides day/week/month boundaries of every summary and report; change it with set_ai_reporting_time_zone(). allow_user_self_logging lets authenticated users log their own usage (off by default: logging is a server-side act).';

-- ============================================================================
-- Price catalog: effective-dated rates in USD per million tokens.
-- ============================================================================
CREATE TABLE "ai_model_prices" (
    "id" BIGSERIAL NOT NULL,
    "provider" TEXT NOT NULL,
    "model_match" TEXT NOT NULL,
    "effective_from" TIMESTAMPTZ(6) NOT NULL,
    "effective_to" TIMESTAMPTZ(6),
    "input_per_mtok" DECIMAL(12,6) NOT NULL,
    "output_per_mtok" DECIMAL(12,6) NOT NULL,
    "cache_write_5m_per_mtok" DECIMAL(12,6) NOT NULL,
    "cache_write_1h_per_mtok" DECIMAL(12,6) NOT NULL,
    "cache_read_per_mtok" DECIMAL(12,6) NOT NULL,
    "source" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ai_model_prices_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ai_model_prices_rates_check" CHECK (
        input_per_mtok >= 0 AND output_per_mtok >= 0 AND cache_write_5m_per_mtok >= 0
        AND cache_write_1h_per_mtok >= 0 AND cache_read_per_mtok >= 0),
    CONSTRAINT "ai_model_prices_period_check" CHECK (effective_to IS NULL OR effective_to > effective_from),
    CONSTRAINT "ai_model_prices_names_check" CHECK (
        length(provider) BETWEEN 1 AND 64 AND length(model_match) BETWEEN 1 AND 200)
);
CREATE UNIQUE INDEX "ai_model_prices_provider_model_match_effective_from_key"
    ON "ai_model_prices"("provider", "model_match", "effective_from");

COMMENT ON TABLE ai_model_prices IS 'Effective-dated model prices (USD per million tokens). A usage row is priced by the entry in force at its created_at: the latest effective_from <= created_at whose effective_to is NULL or later. model_match is an exact model id or a family: a dated id such as claude-sonnet-4-20250514 or gpt-4o-2024-08-06 matches its family (claude-sonnet-4, gpt-4o); an exact match wins over the family.';
COMMENT ON COLUMN ai_model_prices.cache_write_5m_per_mtok IS 'Prompt-cache write, 5-minute TTL. Providers without cache-write charges (OpenAI) bill such tokens as ordinary input, so their rows repeat the input rate.';

-- Built-in catalog from shared/docs/pricing.md (published prices as of 2026). effective_from is the
-- start of this catalog, not each model's launch date: correct history by adding dated rows.
INSERT INTO ai_model_prices
    (provider, model_match, effective_from, input_per_mtok, cache_write_5m_per_mtok, cache_write_1h_per_mtok,
     cache_read_per_mtok, output_per_mtok, source)
VALUES
    ('anthropic', 'claude-sonnet-4',   '2024-01-01T00:00:00Z', 3.00,  3.75,  6.00,  0.30,  15.00, 'built-in catalog 2026'),
    ('anthropic', 'claude-sonnet-4-5', '2024-01-01T00:00:00Z', 3.00,  3.75,  6.00,  0.30,  15.00, 'built-in catalog 2026'),
    ('anthropic', 'claude-opus-4',     '2024-01-01T00:00:00Z', 15.00, 18.75, 30.00, 1.50,  75.00, 'built-in catalog 2026'),
    ('anthropic', 'claude-opus-4-1',   '2024-01-01T00:00:00Z', 15.00, 18.75, 30.00, 1.50,  75.00, 'built-in catalog 2026'),
    ('anthropic', 'claude-3-5-haiku',  '2024-01-01T00:00:00Z', 0.80,  1.00,  1.60,  0.08,  4.00,  'built-in catalog 2026'),
    ('anthropic', 'claude-haiku-4-5',  '2024-01-01T00:00:00Z', 1.00,  1.25,  2.00,  0.10,  5.00,  'built-in catalog 2026'),
    ('openai',    'gpt-4o',            '2024-01-01T00:00:00Z', 2.50,  2.50,  2.50,  1.25,  10.00, 'built-in catalog 2026'),
    ('openai',    'gpt-4o-mini',       '2024-01-01T00:00:00Z', 0.15,  0.15,  0.15,  0.075, 0.60,  'built-in catalog 2026'),
    ('openai',    'gpt-4.1',           '2024-01-01T00:00:00Z', 2.00,  2.00,  2.00,  0.50,  8.00,  'built-in catalog 2026'),
    ('openai',    'gpt-4.1-mini',      '2024-01-01T00:00:00Z', 0.40,  0.40,  0.40,  0.10,  1.60,  'built-in catalog 2026'),
    ('openai',    'o3',                '2024-01-01T00:00:00Z', 2.00,  2.00,  2.00,  0.50,  8.00,  'built-in catalog 2026'),
    ('openai',    'o4-mini',           '2024-01-01T00:00:00Z', 1.10,  1.10,  1.10,  0.275, 4.40,  'built-in catalog 2026');

-- ============================================================================
-- The usage log: one row per AI request, append-only except for its price columns.
-- ============================================================================
CREATE TABLE "ai_usage_log" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "request_id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "user_id" UUID NOT NULL,
    "user_email" TEXT,
    "customer_id" INTEGER,
    "customer_name" TEXT,
    "request_type" TEXT NOT NULL DEFAULT 'report',
    "session_id" TEXT,
    "provider" TEXT NOT NULL DEFAULT 'unknown',
    "model_used" TEXT NOT NULL DEFAULT 'claude-sonnet-4-20250514',
    "input_tokens" INTEGER NOT NULL DEFAULT 0,
    "output_tokens" INTEGER NOT NULL DEFAULT 0,
    "cache_write_5m_tokens" INTEGER NOT NULL DEFAULT 0,
    "cache_write_1h_tokens" INTEGER NOT NULL DEFAULT 0,
    "cache_read_tokens" INTEGER NOT NULL DEFAULT 0,
    -- Generated (hand-written: Prisma has no generated columns). Every bucket counts.
    "total_tokens" BIGINT NOT NULL GENERATED ALWAYS AS (
        input_tokens::bigint + output_tokens + cache_write_5m_tokens + cache_write_1h_tokens + cache_read_tokens
    ) STORED,
    -- The catalog entry and unit rates this row was priced with (NULL = unpriced: no catalog entry).
    "price_id" BIGINT,
    "input_price_per_mtok" DECIMAL(12,6),
    "output_price_per_mtok" DECIMAL(12,6),
    "cache_write_5m_price_per_mtok" DECIMAL(12,6),
    "cache_write_1h_price_per_mtok" DECIMAL(12,6),
    "cache_read_price_per_mtok" DECIMAL(12,6),
    -- Costs are tokens x stored rate, generated, so they can never disagree with the rates, and a
    -- later price change never rewrites history unless an admin re-prices on purpose.
    "input_cost_usd" DECIMAL(20,12) GENERATED ALWAYS AS (
        (input_tokens * input_price_per_mtok / 1000000)::numeric(20,12)) STORED,
    "output_cost_usd" DECIMAL(20,12) GENERATED ALWAYS AS (
        (output_tokens * output_price_per_mtok / 1000000)::numeric(20,12)) STORED,
    "cache_write_cost_usd" DECIMAL(20,12) GENERATED ALWAYS AS (
        ((cache_write_5m_tokens * cache_write_5m_price_per_mtok
          + cache_write_1h_tokens * cache_write_1h_price_per_mtok) / 1000000)::numeric(20,12)) STORED,
    "cache_read_cost_usd" DECIMAL(20,12) GENERATED ALWAYS AS (
        (cache_read_tokens * cache_read_price_per_mtok / 1000000)::numeric(20,12)) STORED,
    "total_cost_usd" DECIMAL(20,12) GENERATED ALWAYS AS (
        ((input_tokens * input_price_per_mtok + output_tokens * output_price_per_mtok
          + cache_write_5m_tokens * cache_write_5m_price_per_mtok
          + cache_write_1h_tokens * cache_write_1h_price_per_mtok
          + cache_read_tokens * cache_read_price_per_mtok) / 1000000)::numeric(20,12)) STORED,
    "latency_ms" INTEGER,
    "tool_turns" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'success',
    "error_message" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ai_usage_log_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ai_usage_log_tokens_check" CHECK (
        input_tokens BETWEEN 0 AND 100000000 AND output_tokens BETWEEN 0 AND 100000000
        AND cache_write_5m_tokens BETWEEN 0 AND 100000000 AND cache_write_1h_tokens BETWEEN 0 AND 100000000
        AND cache_read_tokens BETWEEN 0 AND 100000000 AND tool_turns BETWEEN 0 AND 100000000),
    CONSTRAINT "ai_usage_log_latency_check" CHECK (latency_ms IS NULL OR latency_ms BETWEEN 0 AND 86400000),
    CONSTRAINT "ai_usage_log_status_check" CHECK (status IN ('success', 'error')),
    CONSTRAINT "ai_usage_log_text_check" CHECK (
        length(request_type) BETWEEN 1 AND 64 AND length(request_id) BETWEEN 1 AND 200
        AND length(model_used) BETWEEN 1 AND 200 AND length(provider) BETWEEN 1 AND 64
        AND (session_id IS NULL OR length(session_id) <= 200)
        AND (user_email IS NULL OR length(user_email) <= 320)
        AND (customer_name IS NULL OR length(customer_name) <= 200)
        AND (error_message IS NULL OR length(error_message) <= 4000)),
    -- Rates come all together from one catalog entry, or not at all, and are never negative: the
    -- dashboard's ranking bounds a user's cost over part of a month by the whole month's
    -- (_ai_usage_top_users), which holds only if no request costs less than nothing.
    CONSTRAINT "ai_usage_log_price_check" CHECK (
        (input_price_per_mtok IS NULL) = (output_price_per_mtok IS NULL)
        AND (input_price_per_mtok IS NULL) = (cache_write_5m_price_per_mtok IS NULL)
        AND (input_price_per_mtok IS NULL) = (cache_write_1h_price_per_mtok IS NULL)
        AND (input_price_per_mtok IS NULL) = (cache_read_price_per_mtok IS NULL)
        AND input_price_per_mtok >= 0 AND output_price_per_mtok >= 0 AND cache_write_5m_price_per_mtok >= 0
        AND cache_write_1h_price_per_mtok >= 0 AND cache_read_price_per_mtok >= 0)
);

-- The idempotency key: a retried request id stores nothing new.
CREATE UNIQUE INDEX "ai_usage_log_request_id_key" ON "ai_usage_log"("request_id");
-- A user's history, newest first (get_user_ai_usage recent_requests; RLS reads of one's own rows).
CREATE INDEX "ai_usage_log_user_id_created_at_idx" ON "ai_usage_log"("user_id", "created_at" DESC);
-- A customer's history (audit: what was done while helping a customer).
CREATE INDEX "ai_usage_log_customer_id_created_at_idx" ON "ai_usage_log"("customer_id", "created_at" DESC);
-- Re-pricing one model over a period.
CREATE INDEX "ai_usage_log_model_used_created_at_idx" ON "ai_usage_log"("model_used", "created_at");
-- The latest unpriced request of a model (unpriced_models). Partial: it holds only unpriced rows,
-- which should be few, and it shrinks as models get priced.
CREATE INDEX "ai_usage_log_unpriced_model_used_created_at_idx" ON "ai_usage_log"("model_used", "created_at")
    WHERE total_cost_usd IS NULL;
-- Time-range scans. BRIN, not btree: rows arrive in time order, so a few pages of BRIN serve what a
-- btree would at a fraction of its ingest cost. Dashboards read the summaries, not this.
CREATE INDEX "ai_usage_log_created_at_idx" ON "ai_usage_log" USING BRIN ("created_at");
-- The spec's monthly index on date_trunc('month', created_at) cannot exist (STABLE expression);
-- the monthly per-user summary table ai_usage_summary answers those questions instead.

-- price_id names the catalog entry a row was priced with. No foreign key: its per-row check costs
-- more than the rest of a batch insert's validation; instead catalog entries can never be deleted
-- or re-keyed (below), so every price_id stays resolvable.
CREATE FUNCTION public._ai_model_prices_keep_history()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = ''
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
CREATE TRIGGER ai_model_prices_keep_history
    BEFORE UPDATE OR DELETE ON public.ai_model_prices
    FOR EACH ROW EXECUTE FUNCTION public._ai_model_prices_keep_history();

COMMENT ON TABLE ai_usage_log IS 'Tracks all AI API requests by actual logged-in user (not customer context). Write through log_ai_usage / log_ai_usage_batch; rows are append-only except for re-pricing.';
COMMENT ON COLUMN ai_usage_log.user_id IS 'The actual logged-in user who made the request (admin or customer user)';
COMMENT ON COLUMN ai_usage_log.customer_id IS 'The customer context being viewed - for audit trail only';
COMMENT ON COLUMN ai_usage_log.request_id IS 'Idempotency key: the provider''s message id, or one made by the caller. Logging the same id twice stores one row.';
COMMENT ON COLUMN ai_usage_log.input_tokens IS 'Uncached input tokens only; cache writes and reads have their own columns (buckets are disjoint).';
COMMENT ON COLUMN ai_usage_log.total_tokens IS 'input + output + cache writes (5m, 1h) + cache reads.';
COMMENT ON COLUMN ai_usage_log.total_cost_usd IS 'Sum of the bucket costs at the rates stored on this row (from ai_model_prices at created_at); NULL when the model is unpriced.';

-- ============================================================================
-- user_roles, as the spec assumes it: created only when the project does not have one already.
-- Its RLS is set up (only when we created it) in the security migration.
-- ============================================================================
DO $$
BEGIN
    IF to_regclass('public.user_roles') IS NULL THEN
        CREATE TABLE public.user_roles (
            user_id UUID NOT NULL,
            user_role TEXT NOT NULL,
            created_at TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
            CONSTRAINT user_roles_pkey PRIMARY KEY (user_id, user_role),
            CONSTRAINT user_roles_user_role_check CHECK (length(user_role) BETWEEN 1 AND 64)
        );
        COMMENT ON TABLE public.user_roles IS 'Application roles per user (created by the AI usage migration). user_role = ''admin'' makes an AI usage admin.';
    END IF;
END $$;
