-- Development time only (`pnpm db:generate-sql`): expands the calls of small helper functions into
-- their callers' text, in a scratch database that holds the source; the generator commits the
-- expanded callers as schema/generated/inlined-*.sql. Everything here lives in pg_temp and is gone
-- with the session: no function of the product writes code.
--
-- Why: the planner inlines a call of a simple SQL function into the calling query, but never one of
-- a function with a SET clause, and every function of ours pins search_path = '' (Supabase's advisor,
-- and safety). Some helpers are written to be inlined: per-field checks and the price rule run once
-- per event (and per catalog entry), the report windows must let the planner push the ranking's
-- filters into their scans. Called as functions, on the benchmark's data: batch ingest took 5x the
-- CPU, single-event ingest 2.5x, get_ai_usage_dashboard(365) 1.5x. So their calls are expanded as the
-- planner did it: each argument in place of its parameter. The helpers keep their definitions (the
-- source of this text; direct calls still work).

-- p_code with every character inside a string literal, quoted identifier or comment replaced by a
-- space: what is left is code, at the same character positions, to search for calls and parameters.
CREATE FUNCTION pg_temp._ai_usage_code_mask(p_code text)
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
CREATE FUNCTION pg_temp._ai_usage_helper_expansion(p_helper regprocedure, p_args text[])
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
    v_mask := pg_temp._ai_usage_code_mask(v_body);
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
    v_body := pg_temp._ai_usage_expand_calls(v_body, pg_temp._ai_usage_inlined_helpers());

    IF v_proc.proretset THEN
        -- On lines of their own: a body may end in a -- comment.
        -- A function RETURNS TABLE names its columns; one RETURNS SETOF a table keeps the table's.
        IF v_columns IS NULL THEN
            RETURN format(E'(SELECT * FROM (%s\n) AS %I)', v_body, v_proc.proname);
        END IF;
        RETURN format(E'(SELECT * FROM (%s\n) AS %I(%s))', v_body, v_proc.proname, v_columns);
    END IF;
    RETURN '(' || v_body || E'\n)';
END;
$fn$;

-- p_code with every call of one of p_helpers (ai_usage_private.<name>(...), outside strings and
-- comments) replaced by its expansion. Expansions call no helper; a call inside another's arguments
-- is copied into the expansion and replaced by the next pass.
CREATE FUNCTION pg_temp._ai_usage_expand_calls(p_code text, p_helpers text[])
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
        v_mask := pg_temp._ai_usage_code_mask(v_code);
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
                || pg_temp._ai_usage_helper_expansion(('ai_usage_private.' || v_name)::regproc::regprocedure, v_args);
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
CREATE FUNCTION pg_temp._ai_usage_inlined_helpers()
RETURNS text[]
LANGUAGE sql IMMUTABLE
SET search_path = ''
RETURN ARRAY[
    'ai_usage_model_candidates', 'ai_usage_model_bare_id', 'ai_usage_price_candidates',
    'ai_usage_price_of_candidates', 'ai_usage_price_in_force', 'ai_usage_service_tiers',
    '_ai_usage_integer_problem', '_ai_usage_text_problem',
    '_ai_usage_event_problems', '_ai_usage_parse_events', '_ai_usage_user_window', '_ai_usage_customer_window'];

-- Expands the calls of the inlined helpers in every function of ours; returns the functions it rewrote.
CREATE FUNCTION pg_temp._ai_usage_inline_helpers()
RETURNS SETOF regprocedure
LANGUAGE plpgsql VOLATILE
SET search_path = ''
AS $fn$
DECLARE
    c_helpers constant text[] := pg_temp._ai_usage_inlined_helpers();
    v_function record;
    v_body text;
    v_definition text;
BEGIN
    FOR v_function IN
        SELECT p.oid, p.prosrc FROM pg_catalog.pg_proc p
        WHERE (p.pronamespace = 'ai_usage_private'::regnamespace
               OR (p.pronamespace = 'public'::regnamespace AND p.proname ~ 'ai_(usage|cost|reporting|model_price|model_alias)'))
          AND p.prosqlbody IS NULL
          AND p.prolang IN (SELECT l.oid FROM pg_catalog.pg_language l WHERE l.lanname IN ('sql', 'plpgsql'))
          AND p.prosrc ~ ('ai_usage_private\.(' || array_to_string(c_helpers, '|') || ')\s*\(')
    LOOP
        v_body := pg_temp._ai_usage_expand_calls(v_function.prosrc, c_helpers);
        CONTINUE WHEN v_body = v_function.prosrc;
        -- The definition with the new body between its dollar quotes; the header, SET clauses,
        -- owner, privileges and comment stay as they are.
        v_definition := pg_catalog.pg_get_functiondef(v_function.oid);
        IF strpos(v_definition, '$function$' || v_function.prosrc || '$function$') = 0 THEN
            RAISE EXCEPTION 'cannot inline helpers into %: its body is not quoted as $function$', v_function.oid::regprocedure;
        END IF;
        EXECUTE replace(v_definition, '$function$' || v_function.prosrc || '$function$', '$function$' || v_body || '$function$');
        RETURN NEXT v_function.oid::regprocedure;
    END LOOP;
    RETURN;
END;
$fn$;

