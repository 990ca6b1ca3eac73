// Where the snapshot and the generated catalog live, and the date they carry.
import { basename } from "node:path";
import { fileURLToPath } from "node:url";

/** The date of the LiteLLM table in snapshot/ (see snapshot/README.md to update it). */
export const SNAPSHOT_DATE = "2026-08-01";

export const SNAPSHOT_PATH = fileURLToPath(
  new URL(`../snapshot/litellm-model-prices-${SNAPSHOT_DATE}.json`, import.meta.url),
);
export const GENERATED_CATALOG_PATH = fileURLToPath(
  new URL(`../generated/price-catalog-${SNAPSHOT_DATE}.sql`, import.meta.url),
);

/** The rows' source: "LiteLLM model_prices_and_context_window.json 2026-08-01". */
export function sourceLabelFor(path: string): string {
  const date = /\d{4}-\d{2}-\d{2}/.exec(basename(path))?.[0];
  return date ? `LiteLLM model_prices_and_context_window.json ${date}` : `LiteLLM ${basename(path)}`;
}
