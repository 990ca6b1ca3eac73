import { basename } from "node:path";
import { sourceLabelFor } from "../catalog-files.js";
import { readPriceFile } from "../litellm/read-price-file.js";
import { buildCatalog, type Catalog } from "./build-catalog.js";

/** The catalog a LiteLLM price file maps to (the snapshot, or a newer file given to prices:sync). */
export async function loadCatalog(path: string): Promise<Catalog & { file: string }> {
  const entries = await readPriceFile(path);
  return { ...buildCatalog(entries, sourceLabelFor(path)), file: basename(path) };
}
