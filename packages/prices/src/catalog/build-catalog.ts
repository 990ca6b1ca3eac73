// All entries of a price file -> the catalog: rows in a fixed order, plus everything the sync output
// reports (skipped entries, duplicates and their conflicts, corrections and defaults).
import { formatRate } from "../decimal/rate-micros.js";
import type { PriceFileEntry } from "../litellm/read-price-file.js";
import {
  type CatalogRow,
  catalogKeyText,
  compareCatalogKeys,
  RATE_BUCKETS,
  sameRates,
} from "./catalog-row.js";
import { type MappedEntry, type MappingNote, mapEntry, type SkippedEntry } from "./map-entry.js";

type Mapped = Extract<MappedEntry, { kind: "mapped" }>;

/** Two entries that map to the same catalog model (`gemini-x` and `gemini/gemini-x`). */
export interface DuplicateEntry {
  modelMatch: string;
  winner: string;
  loser: string;
  /** Rate differences, "standard input: 0.3 (winner) vs 0.25 (loser)"; empty when they agree. */
  conflicts: string[];
}

export interface Catalog {
  rows: CatalogRow[];
  /** The entries that became rows (winners of duplicates only). */
  mapped: Mapped[];
  skipped: SkippedEntry[];
  duplicates: DuplicateEntry[];
  notes: MappingNote[];
}

export function buildCatalog(entries: readonly PriceFileEntry[], sourceLabel: string): Catalog {
  const skipped: SkippedEntry[] = [];
  const byModel = new Map<string, Mapped>();
  const duplicates: DuplicateEntry[] = [];
  for (const { key, entry } of entries) {
    const mapped = mapEntry(key, entry, sourceLabel);
    if (mapped.kind === "skipped") {
      skipped.push({ key: mapped.key, reason: mapped.reason });
      continue;
    }
    const modelKey = `${mapped.provider}\u0000${mapped.modelMatch}`;
    const earlier = byModel.get(modelKey);
    if (!earlier) {
      byModel.set(modelKey, mapped);
      continue;
    }
    const [winner, loser] = preferred(earlier, mapped);
    byModel.set(modelKey, winner);
    duplicates.push({
      modelMatch: mapped.modelMatch,
      winner: winner.key,
      loser: loser.key,
      conflicts: rateConflicts(winner, loser),
    });
  }
  const mapped = [...byModel.values()];
  const rows = mapped.flatMap((entry) => entry.rows);
  return {
    rows: [...rows, ...inheritedTierRows(rows)].sort(compareCatalogKeys),
    mapped,
    skipped,
    duplicates,
    notes: mapped.flatMap((entry) => entry.notes),
  };
}

/** A dated id (`gpt-4o-2024-08-06`, `claude-sonnet-4-20250514`) and its family (`gpt-4o`). */
const DATED_ID = /^(.+)-(\d{8}|\d{4}-\d{2}-\d{2})$/;

/**
 * Rule: a dated id whose standard rates equal its family's is the same model, and takes the
 * family's tier and long-context rows that it has none of. The table lists OpenAI's priority and
 * flex rates only under the family id (`gpt-4o`), while the API answers with the dated id
 * (`gpt-4o-2024-08-06`): without this, a priority request would be priced at standard (the price
 * rule falls back to the id's standard entry before it looks at the family). A dated id priced
 * differently (`gpt-4o-2024-05-13`) is another model and inherits nothing.
 */
function inheritedTierRows(rows: readonly CatalogRow[]): CatalogRow[] {
  const byKey = new Map(rows.map((row) => [catalogKeyText(row), row]));
  const standardOf = (provider: string, modelMatch: string) =>
    byKey.get(catalogKeyText({ provider, modelMatch, serviceTier: "standard", abovePromptTokens: 0 }));
  const inherited: CatalogRow[] = [];
  for (const dated of rows) {
    if (dated.serviceTier !== "standard" || dated.abovePromptTokens !== 0) continue;
    const family = DATED_ID.exec(dated.modelMatch)?.[1];
    const familyStandard = family === undefined ? undefined : standardOf(dated.provider, family);
    if (family === undefined || !familyStandard || !sameRates(familyStandard.rates, dated.rates)) continue;
    for (const row of rows) {
      if (row.provider !== dated.provider || row.modelMatch !== family || row === familyStandard) continue;
      const copy = { ...row, modelMatch: dated.modelMatch };
      if (byKey.has(catalogKeyText(copy))) continue;
      inherited.push({ ...copy, source: `${row.source} (inherited from ${family}: same standard rates)` });
    }
  }
  return inherited;
}

/**
 * Rule: of `gemini-x` and `gemini/gemini-x`, the prefixed entry wins. The prefix is how LiteLLM
 * routes a call to the Gemini API (the provider these rows price); the bare keys are older
 * duplicates that LiteLLM's own cost lookup reaches only without a provider, and where the two
 * disagree the prefixed one is the maintained one. Otherwise the first in the file wins.
 */
function preferred(earlier: Mapped, later: Mapped): [Mapped, Mapped] {
  const prefixed = (entry: Mapped) => entry.key !== entry.modelMatch;
  return prefixed(later) && !prefixed(earlier) ? [later, earlier] : [earlier, later];
}

function rateConflicts(winner: Mapped, loser: Mapped): string[] {
  const conflicts: string[] = [];
  const loserRows = new Map(loser.rows.map((row) => [catalogKeyText(row), row]));
  for (const row of winner.rows) {
    const other = loserRows.get(catalogKeyText(row));
    loserRows.delete(catalogKeyText(row));
    if (!other) {
      conflicts.push(`${row.serviceTier}/${row.abovePromptTokens}: only in ${winner.key}`);
      continue;
    }
    if (sameRates(row.rates, other.rates)) continue;
    for (const bucket of RATE_BUCKETS) {
      if (row.rates[bucket] === other.rates[bucket]) continue;
      conflicts.push(
        `${row.serviceTier}/${row.abovePromptTokens} ${bucket}: ${formatRate(row.rates[bucket])} (${winner.key}) ` +
          `vs ${formatRate(other.rates[bucket])} (${loser.key})`,
      );
    }
  }
  for (const row of loserRows.values()) {
    conflicts.push(`${row.serviceTier}/${row.abovePromptTokens}: only in ${loser.key}`);
  }
  return conflicts;
}
