-- Internal helpers out of the API schema, and a fixed search_path on every function of ours.
--
-- PostgREST exposes every function of schema public that a role may execute; the helpers were
-- closed by privileges alone, so one forgotten REVOKE would have made, e.g., _ai_usage_ingest (no
-- caller check of its own) an API. Supabase's advice is a schema of their own that the API roles
-- cannot even use. Its advisor also warns (function_search_path_mutable) about every function
-- without SET search_path: a caller's search_path could otherwise decide which objects an
-- unqualified name in a body means.
--
-- Driven by the catalog rather than by a list of names, so that functions redefined or added by
-- earlier migrations of the same release land in the right place too: a function of ours in public
-- that no API role may execute is internal, and moves.

CREATE SCHEMA ai_usage_private;
COMMENT ON SCHEMA ai_usage_private IS 'Internal helpers of the AI usage functions (validation, summaries, report building, triggers). Not exposed: only the owner uses this schema; the API is in public.';
-- A new schema grants nothing to PUBLIC; said explicitly because the API roles must never get USAGE.
REVOKE ALL ON SCHEMA ai_usage_private FROM PUBLIC;

DO $move$
DECLARE
    -- The project's functions, as the security migration names them.
    c_ours constant text := 'ai_(usage|cost|reporting|model_price)';
    v_search_path text := current_setting('search_path');
    v_function record;
    v_moved text;
    v_definition text;
    v_fixed text;
BEGIN
    -- Bodies are read back with pg_get_functiondef below; with an empty search_path it qualifies
    -- every name in the bodies it prints from parse trees (RETURN ... functions).
    PERFORM pg_catalog.set_config('search_path', '', true);

    FOR v_function IN
        SELECT p.oid::regprocedure AS signature FROM pg_catalog.pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace AND p.proname ~ c_ours
          AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d
                          WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
          AND NOT pg_catalog.has_function_privilege('anon', p.oid, 'EXECUTE')
          AND NOT pg_catalog.has_function_privilege('authenticated', p.oid, 'EXECUTE')
          AND NOT pg_catalog.has_function_privilege('service_role', p.oid, 'EXECUTE')
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET SCHEMA ai_usage_private', v_function.signature);
    END LOOP;

    -- String bodies (plpgsql, and SQL written AS $$ ... $$) name the moved functions as public.x, text
    -- that the move does not touch; the trigger functions compiled by the summaries migration too.
    SELECT string_agg(DISTINCT p.proname, '|') INTO v_moved
    FROM pg_catalog.pg_proc p WHERE p.pronamespace = 'ai_usage_private'::regnamespace;
    FOR v_function IN
        SELECT p.oid, p.oid::regprocedure AS signature FROM pg_catalog.pg_proc p
        WHERE v_moved IS NOT NULL
          AND (p.pronamespace = 'ai_usage_private'::regnamespace
               OR (p.pronamespace = 'public'::regnamespace AND p.proname ~ c_ours))
          AND p.prosqlbody IS NULL
          AND p.prosrc ~ ('\mpublic\.(' || v_moved || ')\M')
    LOOP
        v_definition := pg_catalog.pg_get_functiondef(v_function.oid);
        v_fixed := regexp_replace(v_definition, '\mpublic\.(' || v_moved || ')\M', 'ai_usage_private.\1', 'g');
        -- CREATE OR REPLACE keeps the owner, the privileges, the comment and dependent triggers.
        EXECUTE v_fixed;
    END LOOP;

    PERFORM pg_catalog.set_config('search_path', v_search_path, true);
END;
$move$;

-- A function that refers to one of the moved functions by its old name must fail here, not at its
-- first call in production.
DO $check$
DECLARE
    v_stale text;
BEGIN
    SELECT string_agg(p.oid::regprocedure::text, ', ') INTO v_stale
    FROM pg_catalog.pg_proc p
    WHERE p.prosqlbody IS NULL
      AND p.pronamespace IN ('public'::regnamespace, 'ai_usage_private'::regnamespace)
      AND EXISTS (SELECT FROM pg_catalog.pg_proc m
                  WHERE m.pronamespace = 'ai_usage_private'::regnamespace
                    AND p.prosrc ~ ('\mpublic\.' || m.proname || '\M'));
    IF v_stale IS NOT NULL THEN
        RAISE EXCEPTION 'still calling moved functions as public.*: %', v_stale;
    END IF;
END;
$check$;

-- Nobody but the owner, whatever privileges the functions carried into the schema. The API roles
-- cannot reach them anyway without USAGE on the schema; this keeps it so if USAGE is ever granted.
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ai_usage_private FROM PUBLIC, anon, authenticated, service_role;

-- Every function of ours runs with an empty search_path: its body names everything with its schema
-- (pg_catalog is always searched first).
DO $pin$
DECLARE
    v_function record;
BEGIN
    FOR v_function IN
        SELECT p.oid::regprocedure AS signature FROM pg_catalog.pg_proc p
        WHERE (p.pronamespace = 'ai_usage_private'::regnamespace
               OR (p.pronamespace = 'public'::regnamespace AND p.proname ~ 'ai_(usage|cost|reporting|model_price)'))
          AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d
                          WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
          AND NOT coalesce(p.proconfig, '{}') @> ARRAY['search_path=""']
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %L', v_function.signature, '');
    END LOOP;
END;
$pin$;

-- ============================================================================
-- Keeping the planner's inlining
-- ============================================================================
-- The planner inlines a call of a simple SQL function into the calling query, but never one of a
-- function with a SET clause. Some helpers are written to be inlined: per-field checks and the price
-- rule run once per event (and per catalog entry), the report windows must let the planner push the
-- ranking's filters into their scans. Called as functions, on the benchmark's data: batch ingest took
-- 5x the CPU, single-event ingest 2.5x, get_ai_usage_dashboard(365) 1.5x. So their calls are expanded
-- into the callers' text here, as the planner did it: each argument in place of its parameter. The helpers keep their definitions (the source of this text; direct calls
-- still work), and a later migration that redefines a caller runs
-- `SELECT ai_usage_private._ai_usage_inline_helpers();` after it.

-- The price rule as before, with its model test written as = ANY (ARRAY[...]): the parser turns an IN
-- list whose items hold columns (as they do once expanded into a join) into ORs, which the catalog's
-- index cannot serve; inlined by the planner it saw parameters and made an array, so kept the index.
CREATE OR REPLACE FUNCTION ai_usage_private._ai_usage_price_applies(
    p_model_match text, p_price_provider text, p_effective_from timestamptz, p_effective_to timestamptz,
    p_model_used text, p_provider text, p_at timestamptz)
RETURNS boolean
LANGUAGE sql IMMUTABLE
SET search_path = ''
AS $$
    SELECT p_model_match = ANY (ARRAY[p_model_used, ai_usage_private.ai_usage_model_family(p_model_used)])
       AND (p_provider IS NULL OR p_price_provider = p_provider)
       AND p_effective_from <= p_at
       AND (p_effective_to IS NULL OR p_at < p_effective_to)
$$;

-- p_code with every character inside a string literal, quoted identifier or comment replaced by a
-- space: what is left is code, at the same character positions, to search for calls and parameters.
CREATE FUNCTION ai_usage_private._ai_usage_code_mask(p_code text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = ''
AS $fn$
DECLARE
    v_chars text[] := string_to_array(p_code, NULL);
    v_length integer := coalesce(array_length(v_chars, 1), 0);
    v_mask text[] := v_chars;
    v_i integer := 1;
    v_j integer;
    v_tag text;
    v_escapes boolean;
BEGIN
    WHILE v_i <= v_length LOOP
        v_j := NULL;
        IF v_chars[v_i] = '-' AND v_chars[v_i + 1] = '-' THEN
            v_j := v_i;
            WHILE v_j <= v_length AND v_chars[v_j] <> E'\n' LOOP
                v_j := v_j + 1;
            END LOOP;
            v_j := v_j - 1;
        ELSIF v_chars[v_i] = '/' AND v_chars[v_i + 1] = '*' THEN
            v_j := v_i + 2;
            WHILE v_j < v_length AND NOT (v_chars[v_j] = '*' AND v_chars[v_j + 1] = '/') LOOP
                v_j := v_j + 1;
            END LOOP;
            v_j := v_j + 1;
        ELSIF v_chars[v_i] = '''' THEN
            -- E'...' strings take backslash escapes; standard ones only '' for a quote.
            v_escapes := v_i > 1 AND lower(v_chars[v_i - 1]) = 'e'
                         AND (v_i = 2 OR v_chars[v_i - 2] !~ '[A-Za-z0-9_$]');
            v_j := v_i + 1;
            LOOP
                EXIT WHEN v_j > v_length;
                IF v_escapes AND v_chars[v_j] = '\' THEN
                    v_j := v_j + 2;
                ELSIF v_chars[v_j] = '''' AND v_chars[v_j + 1] = '''' THEN
                    v_j := v_j + 2;
                ELSIF v_chars[v_j] = '''' THEN
                    EXIT;
                ELSE
                    v_j := v_j + 1;
                END IF;
            END LOOP;
        ELSIF v_chars[v_i] = '"' THEN
            v_j := v_i + 1;
            WHILE v_j <= v_length AND v_chars[v_j] <> '"' LOOP
                v_j := v_j + 1;
            END LOOP;
        ELSIF v_chars[v_i] = '$' AND (v_i = 1 OR v_chars[v_i - 1] !~ '[A-Za-z0-9_]') THEN
            -- A dollar-quoted string (empty tag or $tag$); $1 is a parameter, not a quote.
            v_tag := substring(array_to_string(v_chars[v_i:v_i + 64], '') FROM '^(\$([A-Za-z_][A-Za-z0-9_]*)?\$)');
            IF v_tag IS NOT NULL THEN
                v_j := strpos(array_to_string(v_chars[v_i + length(v_tag):v_length], ''), v_tag);
                v_j := CASE WHEN v_j = 0 THEN v_length ELSE v_i + 2 * length(v_tag) + v_j - 2 END;
            END IF;
        END IF;
        IF v_j IS NULL THEN
            v_i := v_i + 1;
        ELSE
            v_j := least(v_j, v_length);
            FOR v_k IN v_i..v_j LOOP
                IF v_mask[v_k] <> E'\n' THEN
                    v_mask[v_k] := ' ';
                END IF;
            END LOOP;
            v_i := v_j + 1;
        END IF;
    END LOOP;
    RETURN array_to_string(v_mask, '');
END;
$fn$;

-- The text that replaces a call of p_helper with arguments p_args (SQL text each): its body with
-- every use of a parameter replaced by its argument; a scalar's body is an expression in
-- parentheses, a set-returning one's a subquery with its result columns named.
CREATE FUNCTION ai_usage_private._ai_usage_helper_expansion(p_helper regprocedure, p_args text[])
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = ''
AS $fn$
DECLARE
    v_proc pg_catalog.pg_proc;
    v_body text;
    v_mask text;
    v_params text[];
    v_types text[];
    v_columns text;
    v_chars text[];
    v_gaps text[];
    v_words text[];
    v_result text := '';
    v_position integer := 1;
    v_name text;
    v_index integer;
BEGIN
    SELECT * INTO v_proc FROM pg_catalog.pg_proc p WHERE p.oid = p_helper;
    IF v_proc.pronargs <> coalesce(cardinality(p_args), 0) THEN
        RAISE EXCEPTION 'cannot inline %: called with % arguments, declared with % (defaults are not expanded)',
            p_helper, coalesce(cardinality(p_args), 0), v_proc.pronargs;
    END IF;
    SELECT array_agg(n.name ORDER BY n.ordinality) FILTER (WHERE coalesce(v_proc.proargmodes[n.ordinality], 'i') IN ('i', 'b')),
           string_agg(pg_catalog.quote_ident(n.name), ', ' ORDER BY n.ordinality) FILTER (WHERE v_proc.proargmodes[n.ordinality] = 't')
      INTO v_params, v_columns
      FROM unnest(v_proc.proargnames) WITH ORDINALITY AS n(name, ordinality);
    SELECT array_agg(pg_catalog.format_type(t.type, NULL) ORDER BY t.ordinality)
      INTO v_types
      FROM unnest(v_proc.proargtypes::oid[]) WITH ORDINALITY AS t(type, ordinality);

    IF v_proc.prosqlbody IS NOT NULL THEN
        v_body := regexp_replace(pg_catalog.pg_get_function_sqlbody(p_helper), '^\s*RETURN\s+', '');
    ELSE
        v_body := regexp_replace(v_proc.prosrc, '^\s+|[\s;]+$', '', 'g');
        IF NOT v_proc.proretset THEN
            -- A SELECT of one expression and nothing else: how the inlined helpers are written.
            v_body := regexp_replace(v_body, '^SELECT\s+', '', 'i');
        END IF;
    END IF;

    -- Each identifier of the code (not after a dot: a column of a table alias) that names a
    -- parameter becomes its argument. The code is cut into the gaps between identifiers (found in the
    -- mask, so none inside strings or comments) and the identifiers, and put together again.
    v_mask := ai_usage_private._ai_usage_code_mask(v_body);
    v_chars := string_to_array(v_body, NULL);
    v_gaps := regexp_split_to_array(v_mask, '[A-Za-z_][A-Za-z0-9_$]*');
    SELECT coalesce(array_agg(m.word[1] ORDER BY m.n), '{}') INTO v_words
    FROM regexp_matches(v_mask, '([A-Za-z_][A-Za-z0-9_$]*)', 'g') WITH ORDINALITY AS m(word, n);
    FOR v_k IN 1..cardinality(v_gaps) LOOP
        v_result := v_result || array_to_string(v_chars[v_position:v_position + length(v_gaps[v_k]) - 1], '');
        v_position := v_position + length(v_gaps[v_k]);
        CONTINUE WHEN v_k > cardinality(v_words);
        v_name := v_words[v_k];
        v_index := array_position(v_params, v_name);
        IF v_index IS NOT NULL AND right(v_gaps[v_k], 1) <> '.' THEN
            -- A string literal or NULL gets the type the call gave it; anything else goes in as it is,
            -- as the planner inlines: a column under a cast is no longer one an index scan can use.
            v_result := v_result || CASE WHEN btrim(p_args[v_index]) ~* '^(''.*''|null)$'
                                         THEN format('(%s)::%s', p_args[v_index], v_types[v_index])
                                         ELSE format('(%s)', p_args[v_index]) END;
        ELSE
            v_result := v_result || v_name;
        END IF;
        v_position := v_position + length(v_name);
    END LOOP;
    v_body := v_result;
    -- A helper may call another (the price rule calls the model family): the text inserted into a
    -- caller then calls none.
    v_body := ai_usage_private._ai_usage_expand_calls(v_body, ai_usage_private._ai_usage_inlined_helpers());

    IF v_proc.proretset THEN
        -- On lines of their own: a body may end in a -- comment.
        RETURN format(E'(SELECT * FROM (%s\n) AS %I(%s))', v_body, v_proc.proname, v_columns);
    END IF;
    RETURN '(' || v_body || E'\n)';
END;
$fn$;

-- p_code with every call of one of p_helpers (ai_usage_private.<name>(...), outside strings and
-- comments) replaced by its expansion. Expansions call no helper; a call inside another's arguments
-- is copied into the expansion and replaced by the next pass.
CREATE FUNCTION ai_usage_private._ai_usage_expand_calls(p_code text, p_helpers text[])
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = ''
AS $fn$
DECLARE
    c_call constant text := '\mai_usage_private\.(' || array_to_string(p_helpers, '|') || ')\s*\(';
    v_code text := p_code;
    v_mask text;
    v_result text;
    v_copied integer;
    v_start integer;
    v_name text;
    v_depth integer;
    v_i integer;
    v_arg_start integer;
    v_args text[];
    v_char text;
    v_passes integer := 0;
BEGIN
    LOOP
        v_mask := ai_usage_private._ai_usage_code_mask(v_code);
        v_result := '';
        v_copied := 1;
        LOOP
            v_start := regexp_instr(v_mask, c_call, v_copied);
            EXIT WHEN v_start = 0;
            IF v_start > 1 AND substr(v_mask, v_start - 1, 1) ~ '[A-Za-z0-9_$."]' THEN
                RAISE EXCEPTION 'cannot inline helpers: unexpected text before a call at %', substr(v_code, v_start - 20, 60);
            END IF;
            v_name := substring(substr(v_mask, v_start) FROM '^ai_usage_private\.([A-Za-z0-9_]+)');
            -- The matching parenthesis; arguments split at the commas of depth 1.
            v_i := v_start + strpos(substr(v_mask, v_start), '(');
            v_depth := 1;
            v_arg_start := v_i;
            v_args := '{}';
            WHILE v_depth > 0 LOOP
                IF v_i > length(v_mask) THEN
                    RAISE EXCEPTION 'cannot inline %: unbalanced parentheses in its call', v_name;
                END IF;
                v_char := substr(v_mask, v_i, 1);
                IF v_char IN ('(', '[') THEN
                    v_depth := v_depth + 1;
                ELSIF v_char IN (')', ']') THEN
                    v_depth := v_depth - 1;
                END IF;
                IF (v_char = ',' AND v_depth = 1) OR v_depth = 0 THEN
                    v_args := v_args || btrim(substr(v_code, v_arg_start, v_i - v_arg_start), E' \t\r\n');
                    v_arg_start := v_i + 1;
                END IF;
                v_i := v_i + 1;
            END LOOP;
            IF v_args = ARRAY[''] THEN
                v_args := '{}';
            END IF;
            IF EXISTS (SELECT FROM unnest(v_args) a WHERE a ~ '^[A-Za-z_][A-Za-z0-9_]*\s*(=>|:=)') THEN
                RAISE EXCEPTION 'cannot inline %: named arguments are not supported; pass them by position', v_name;
            END IF;
            v_result := v_result || substr(v_code, v_copied, v_start - v_copied)
                || ai_usage_private._ai_usage_helper_expansion(('ai_usage_private.' || v_name)::regproc::regprocedure, v_args);
            v_copied := v_i;
        END LOOP;
        EXIT WHEN v_copied = 1;
        v_code := v_result || substr(v_code, v_copied);
        v_passes := v_passes + 1;
        IF v_passes > 20 THEN
            RAISE EXCEPTION 'cannot inline helpers: calls still left after 20 passes (a helper that calls itself?)';
        END IF;
    END LOOP;
    RETURN v_code;
END;
$fn$;

-- The helpers whose calls are expanded: simple SQL functions that run per row of a caller's query
-- (checks and the price rule) or whose callers filter their rows (the report windows).
CREATE FUNCTION ai_usage_private._ai_usage_inlined_helpers()
RETURNS text[]
LANGUAGE sql IMMUTABLE
SET search_path = ''
RETURN ARRAY[
    'ai_usage_model_family', '_ai_usage_price_applies', '_ai_usage_integer_problem', '_ai_usage_text_problem',
    '_ai_usage_event_problems', '_ai_usage_parse_events', '_ai_usage_user_window', '_ai_usage_customer_window'];

-- Expands the calls of the inlined helpers in every function of ours; returns how many it rewrote.
CREATE FUNCTION ai_usage_private._ai_usage_inline_helpers()
RETURNS integer
LANGUAGE plpgsql VOLATILE
SET search_path = ''
AS $fn$
DECLARE
    c_helpers constant text[] := ai_usage_private._ai_usage_inlined_helpers();
    v_function record;
    v_body text;
    v_definition text;
    v_count integer := 0;
BEGIN
    FOR v_function IN
        SELECT p.oid, p.prosrc FROM pg_catalog.pg_proc p
        WHERE (p.pronamespace = 'ai_usage_private'::regnamespace
               OR (p.pronamespace = 'public'::regnamespace AND p.proname ~ 'ai_(usage|cost|reporting|model_price)'))
          AND p.prosqlbody IS NULL
          AND p.prolang IN (SELECT l.oid FROM pg_catalog.pg_language l WHERE l.lanname IN ('sql', 'plpgsql'))
          AND p.prosrc ~ ('ai_usage_private\.(' || array_to_string(c_helpers, '|') || ')\s*\(')
    LOOP
        v_body := ai_usage_private._ai_usage_expand_calls(v_function.prosrc, c_helpers);
        CONTINUE WHEN v_body = v_function.prosrc;
        -- The definition with the new body between its dollar quotes; the header, SET clauses,
        -- owner, privileges and comment stay as they are.
        v_definition := pg_catalog.pg_get_functiondef(v_function.oid);
        IF strpos(v_definition, '$function$' || v_function.prosrc || '$function$') = 0 THEN
            RAISE EXCEPTION 'cannot inline helpers into %: its body is not quoted as $function$', v_function.oid::regprocedure;
        END IF;
        EXECUTE replace(v_definition, '$function$' || v_function.prosrc || '$function$', '$function$' || v_body || '$function$');
        v_count := v_count + 1;
    END LOOP;
    RETURN v_count;
END;
$fn$;

REVOKE ALL ON FUNCTION ai_usage_private._ai_usage_code_mask(text),
    ai_usage_private._ai_usage_inlined_helpers(),
    ai_usage_private._ai_usage_helper_expansion(regprocedure, text[]),
    ai_usage_private._ai_usage_expand_calls(text, text[]),
    ai_usage_private._ai_usage_inline_helpers()
FROM PUBLIC, anon, authenticated, service_role;

SELECT ai_usage_private._ai_usage_inline_helpers();
