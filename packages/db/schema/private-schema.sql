-- Internal helpers out of the API schema. PostgREST exposes every function of schema public that a
-- role may execute; helpers live here, in a schema the API roles cannot even use.
CREATE SCHEMA ai_usage_private;

COMMENT ON SCHEMA ai_usage_private IS 'Internal helpers of the AI usage functions (validation, summaries, report building, triggers). Not exposed: only the owner uses this schema; the API is in public.';

-- A new schema grants nothing to PUBLIC; said explicitly because the API roles must never get USAGE.
REVOKE ALL ON SCHEMA ai_usage_private FROM PUBLIC;
