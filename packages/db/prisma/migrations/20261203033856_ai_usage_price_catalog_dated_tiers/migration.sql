-- Tier entries for dated OpenAI ids that are the same model as their family (equal standard rates):
-- LiteLLM's table lists priority and flex rates only under the family id (gpt-4o), while the API
-- answers with the dated id (gpt-4o-2024-08-06), which the price rule then priced at its own
-- standard entry: a priority gpt-4o request was charged $2.50 instead of $4.25 per million input
-- tokens. The rows `pnpm prices:generate` now adds to packages/prices/generated/
-- price-catalog-2026-08-01.sql by the inheritance rule (packages/prices/README.md); existing
-- entries are left alone.
INSERT INTO public.ai_model_prices (provider, model_match, service_tier, above_prompt_tokens, effective_from, input_per_mtok, output_per_mtok, cache_write_5m_per_mtok, cache_write_1h_per_mtok, cache_read_per_mtok, source)
VALUES
    ('openai', 'gpt-4.1-2025-04-14', 'priority', 0, '2024-01-01 00:00:00+00', 3.5, 14, 3.5, 3.5, 0.875, 'LiteLLM model_prices_and_context_window.json 2026-08-01 (inherited from gpt-4.1: same standard rates)'),
    ('openai', 'gpt-4.1-mini-2025-04-14', 'priority', 0, '2024-01-01 00:00:00+00', 0.7, 2.8, 0.7, 0.7, 0.175, 'LiteLLM model_prices_and_context_window.json 2026-08-01 (inherited from gpt-4.1-mini: same standard rates)'),
    ('openai', 'gpt-4.1-nano-2025-04-14', 'priority', 0, '2024-01-01 00:00:00+00', 0.2, 0.8, 0.2, 0.2, 0.05, 'LiteLLM model_prices_and_context_window.json 2026-08-01 (inherited from gpt-4.1-nano: same standard rates)'),
    ('openai', 'gpt-4o-2024-08-06', 'priority', 0, '2024-01-01 00:00:00+00', 4.25, 17, 4.25, 4.25, 2.125, 'LiteLLM model_prices_and_context_window.json 2026-08-01 (inherited from gpt-4o: same standard rates)'),
    ('openai', 'gpt-4o-2024-11-20', 'priority', 0, '2024-01-01 00:00:00+00', 4.25, 17, 4.25, 4.25, 2.125, 'LiteLLM model_prices_and_context_window.json 2026-08-01 (inherited from gpt-4o: same standard rates)'),
    ('openai', 'gpt-4o-mini-2024-07-18', 'priority', 0, '2024-01-01 00:00:00+00', 0.25, 1, 0.25, 0.25, 0.125, 'LiteLLM model_prices_and_context_window.json 2026-08-01 (inherited from gpt-4o-mini: same standard rates)'),
    ('openai', 'gpt-5-nano-2025-08-07', 'priority', 0, '2024-01-01 00:00:00+00', 2.5, 20, 2.5, 2.5, 0.25, 'LiteLLM model_prices_and_context_window.json 2026-08-01 (derived: output, cache read = standard x 2.5/0.05) (inherited from gpt-5-nano: same standard rates)'),
    ('openai', 'o3-2025-04-16', 'flex', 0, '2024-01-01 00:00:00+00', 1, 4, 1, 1, 0.25, 'LiteLLM model_prices_and_context_window.json 2026-08-01 (inherited from o3: same standard rates)'),
    ('openai', 'o3-2025-04-16', 'priority', 0, '2024-01-01 00:00:00+00', 3.5, 14, 3.5, 3.5, 0.875, 'LiteLLM model_prices_and_context_window.json 2026-08-01 (inherited from o3: same standard rates)'),
    ('openai', 'o4-mini-2025-04-16', 'flex', 0, '2024-01-01 00:00:00+00', 0.55, 2.2, 0.55, 0.55, 0.1375, 'LiteLLM model_prices_and_context_window.json 2026-08-01 (inherited from o4-mini: same standard rates)'),
    ('openai', 'o4-mini-2025-04-16', 'priority', 0, '2024-01-01 00:00:00+00', 2, 8, 2, 2, 0.5, 'LiteLLM model_prices_and_context_window.json 2026-08-01 (inherited from o4-mini: same standard rates)')
ON CONFLICT (provider, model_match, service_tier, above_prompt_tokens, effective_from) DO NOTHING;
