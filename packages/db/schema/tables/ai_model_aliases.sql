-- Aliases: model ids the catalog cannot know (an Azure deployment name, a gateway's own name) mapped
-- by an admin to the model id they stand for. The price rule looks the alias up first and then
-- resolves the target like any id (pricing/price-in-force.sql). Written through set_ai_model_alias
-- and delete_ai_model_alias (admins); read by signed-in users, as the catalog is.
CREATE TABLE public.ai_model_aliases (
    alias text NOT NULL,
    model text NOT NULL,
    note text,
    created_at timestamptz(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT ai_model_aliases_pkey PRIMARY KEY (alias),
    CONSTRAINT ai_model_aliases_alias_check CHECK (length(alias) BETWEEN 1 AND 200),
    CONSTRAINT ai_model_aliases_model_check CHECK (length(model) BETWEEN 1 AND 200),
    CONSTRAINT ai_model_aliases_note_check CHECK (note IS NULL OR length(note) <= 500),
    -- An alias of an alias would make the rule recursive; one step says everything.
    CONSTRAINT ai_model_aliases_not_itself_check CHECK (alias <> model)
);

COMMENT ON TABLE public.ai_model_aliases IS 'Admin-written model id aliases (e.g. an Azure deployment name -> gpt-4o-2024-08-06): the price rule replaces an aliased id by its model before matching the catalog. Stored rows keep their own model_used; re-price them with reprice_ai_usage(alias).';

ALTER TABLE public.ai_model_aliases ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Signed-in users can read model aliases" ON public.ai_model_aliases
    FOR SELECT TO authenticated USING (true);

REVOKE ALL ON TABLE public.ai_model_aliases FROM PUBLIC, anon, authenticated, service_role;
GRANT SELECT ON TABLE public.ai_model_aliases TO authenticated, service_role;
