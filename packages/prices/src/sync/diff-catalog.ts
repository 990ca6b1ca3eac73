// The file's catalog against the one in force: what `prices:sync` proposes.
import { type CatalogRow, catalogKeyText, sameRates } from "../catalog/catalog-row.js";
import type { CatalogInForce, InForceRow } from "./catalog-in-force.js";

export interface NewCatalogRow {
  row: CatalogRow;
  /** No row at all for this key yet: its first known price, from the catalog's start (2024). */
  firstPrice: boolean;
}

export interface ChangedCatalogRow {
  row: CatalogRow;
  current: InForceRow;
}

export interface CatalogDiff {
  added: NewCatalogRow[];
  changed: ChangedCatalogRow[];
  unchanged: number;
  /** In force in the database, not in the file (kept: the sync never ends a price). */
  notInFile: InForceRow[];
}

export function diffCatalog(fileRows: readonly CatalogRow[], database: CatalogInForce): CatalogDiff {
  const inForce = new Map(database.rows.map((row) => [catalogKeyText(row), row]));
  const diff: CatalogDiff = { added: [], changed: [], unchanged: 0, notInFile: [] };
  for (const row of fileRows) {
    const key = catalogKeyText(row);
    const current = inForce.get(key);
    inForce.delete(key);
    if (!current) diff.added.push({ row, firstPrice: !database.keysWithRows.has(key) });
    else if (sameRates(row.rates, current.rates)) diff.unchanged += 1;
    else diff.changed.push({ row, current });
  }
  diff.notInFile = [...inForce.values()];
  return diff;
}
