-- Step 2 of ai_usage_model_candidates (below): the bare id, without the forms its host adds.
-- (Named to sort before it: migra creates functions in name order, and a RETURN body is checked
-- when created.)
CREATE FUNCTION ai_usage_private.ai_usage_model_bare_id(p_model_used text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    RETURN regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        p_model_used,
        '^(models/|gemini/|anthropic/|openai/)?((us|eu|apac|global|jp|au|ca|us-gov)\.)?(anthropic\.|openai\.)?'::text, ''::text),
        '-v[0-9]+(:[0-9]+)?$'::text, ''::text),
        '(-v[0-9]+)?@([0-9]{8})$'::text, '-\2'::text),
        '^gpt-35-'::text, 'gpt-3.5-'::text);

-- The ids a model id may be priced as, best first (the price rule takes the first that has a
-- catalog entry; explain_ai_model_price names the steps with ai_usage_model_candidate_rules):
--   1. the id itself;
--   2. the id without the forms its host adds: a gateway prefix (models/, gemini/, anthropic/,
--      openai/), a Bedrock region (us., eu., apac., global., ...) and vendor (anthropic.) prefix and
--      version suffix (-v2:0), Vertex's @date (claude-sonnet-4@20250514), Azure's gpt-35 spelling;
--   3. the family of (2): a trailing date (-20250514, -2024-08-06, -0613, -2411), version (-001),
--      -latest, -preview-MM-DD / -preview-MM-YYYY or -exp-MMDD removed.
-- Never a prefix match: gpt-4o must not price gpt-4o-mini. Written as one expression so that
-- db:generate-sql can expand it into the price rule (inline-helpers.sql): it runs once per event.
CREATE FUNCTION ai_usage_private.ai_usage_model_candidates(p_model_used text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    RETURN ARRAY[p_model_used,
        ai_usage_private.ai_usage_model_bare_id(p_model_used),
        regexp_replace(ai_usage_private.ai_usage_model_bare_id(p_model_used),
            '-([0-9]{8}|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}|0[0-9]{2}|latest|preview-[0-9]{2}-[0-9]{2,4}|exp-[0-9]{4})$'::text, ''::text)];

-- The names of the candidate steps, in the order of ai_usage_model_candidates (for explanations).
CREATE FUNCTION ai_usage_private.ai_usage_model_candidate_rules() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    RETURN ARRAY['the model id itself'::text,
        'the id without its host''s forms (gateway or Bedrock region/vendor prefix, Bedrock version, Vertex @date, Azure gpt-35)'::text,
        'the model family (date, version, -latest or -preview/-exp date suffix removed)'::text];

REVOKE ALL ON FUNCTION ai_usage_private.ai_usage_model_candidates(p_model_used text) FROM PUBLIC, anon, authenticated, service_role;
REVOKE ALL ON FUNCTION ai_usage_private.ai_usage_model_bare_id(p_model_used text) FROM PUBLIC, anon, authenticated, service_role;
REVOKE ALL ON FUNCTION ai_usage_private.ai_usage_model_candidate_rules() FROM PUBLIC, anon, authenticated, service_role;
