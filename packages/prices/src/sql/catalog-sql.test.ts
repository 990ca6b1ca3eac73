import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../catalog/load-catalog.js";
import { GENERATED_CATALOG_PATH, SNAPSHOT_PATH } from "../catalog-files.js";
import { catalogSql } from "./catalog-sql.js";

describe("the generated catalog", () => {
  // `pnpm prices:generate --check` in a test: the committed SQL is what the snapshot maps to.
  it("is up to date with the snapshot and the mapping", async () => {
    const catalog = await loadCatalog(SNAPSHOT_PATH);
    expect(await readFile(GENERATED_CATALOG_PATH, "utf8")).toBe(catalogSql(catalog.rows, catalog.file));
  });

  it("quotes text and writes exact rates", () => {
    const sql = catalogSql(
      [
        {
          provider: "google",
          modelMatch: "it's",
          serviceTier: "standard",
          abovePromptTokens: 0,
          rates: {
            input: 75_000n,
            output: 300_000n,
            cacheWrite5m: 75_000n,
            cacheWrite1h: 75_000n,
            cacheRead: 18_750n,
          },
          source: "s",
          fromKey: "gemini/it's",
        },
      ],
      "f.json",
    );
    expect(sql).toContain(
      "('google', 'it''s', 'standard', 0, '2024-01-01 00:00:00+00', 0.075, 0.3, 0.075, 0.075, 0.01875, 's')",
    );
  });
});
