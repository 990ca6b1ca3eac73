// What `prices:sync` prints: the proposal (dry run) and what --apply wrote.
import type { Catalog } from "../catalog/build-catalog.js";
import { catalogKeyText, RATE_BUCKETS, type RateBucket, type Rates } from "../catalog/catalog-row.js";
import { formatRate } from "../decimal/rate-micros.js";
import type { AppliedPrice, RepricedModel } from "./apply-catalog.js";
import type { CatalogDiff } from "./diff-catalog.js";

const BUCKET_NAMES: Record<RateBucket, string> = {
  input: "input",
  output: "output",
  cacheWrite5m: "cache write 5m",
  cacheWrite1h: "cache write 1h",
  cacheRead: "cache read",
};

function ratesText(rates: Rates): string {
  return RATE_BUCKETS.map((bucket) => `${BUCKET_NAMES[bucket]} ${formatRate(rates[bucket])}`).join(", ");
}

function changesText(from: Rates, to: Rates): string {
  return RATE_BUCKETS.filter((bucket) => from[bucket] !== to[bucket])
    .map((bucket) => `${BUCKET_NAMES[bucket]} ${formatRate(from[bucket])} -> ${formatRate(to[bucket])}`)
    .join(", ");
}

const day = (date: Date) => date.toISOString().slice(0, 10);

export function formatCatalogSummary(catalog: Catalog & { file: string }, entries: number): string[] {
  return [
    `Price file: ${catalog.file} (${entries} entries: ${catalog.mapped.length} models -> ${catalog.rows.length} ` +
      `catalog rows, ${catalog.skipped.length} skipped)`,
  ];
}

export function formatDiff(
  diff: CatalogDiff,
  catalog: Catalog,
  options: { verbose: boolean; effectiveFrom: string },
): string[] {
  const lines: string[] = [];
  const section = (title: string, items: string[], always = false) => {
    if (items.length === 0 && !always) return;
    lines.push("", `${title} (${items.length}):`, ...items.map((item) => `  ${item}`));
  };
  section(
    "New rows",
    diff.added.map(
      ({ row, firstPrice }) =>
        `+ ${catalogKeyText(row)}: ${ratesText(row.rates)} ` +
        `[${firstPrice ? "first price: from 2024-01-01" : `from ${options.effectiveFrom}`}]`,
    ),
    true,
  );
  section(
    "Changed rates",
    diff.changed.map(
      ({ row, current }) =>
        `~ ${catalogKeyText(row)}: ${changesText(current.rates, row.rates)} ` +
        `[new row from ${options.effectiveFrom}; price ${current.id}, in force since ${day(current.effectiveFrom)}, stays]`,
    ),
    true,
  );
  lines.push("", `Unchanged rows: ${diff.unchanged}`);
  const listed = (title: string, items: string[]) => {
    if (options.verbose) section(title, items);
    else if (items.length > 0) lines.push(`${title}: ${items.length} (--verbose lists them)`);
  };
  listed(
    "In force but not in the file (kept)",
    diff.notInFile.map((row) => `${catalogKeyText(row)}: ${ratesText(row.rates)}`),
  );
  listed(
    "Skipped entries",
    catalog.skipped.map((entry) => `${entry.key}: ${entry.reason}`),
  );
  const conflicting = catalog.duplicates.filter((duplicate) => duplicate.conflicts.length > 0);
  lines.push(
    "",
    `Duplicates: ${catalog.duplicates.length} (the gemini/ entry wins), ${conflicting.length} with different rates` +
      (conflicting.length > 0 ? ":" : ""),
  );
  for (const duplicate of conflicting) {
    lines.push(
      `  ${duplicate.winner} over ${duplicate.loser}:`,
      ...duplicate.conflicts.map((text) => `    ${text}`),
    );
  }
  const notes = (kind: string) => catalog.notes.filter((note) => note.kind === kind);
  section(
    "Corrections of the table",
    notes("correction").map((note) => `${note.key}: ${note.text}`),
  );
  section(
    "Unusual tier rates (used as given)",
    notes("unusual-tier").map((note) => `${note.key}: ${note.text}`),
  );
  listed(
    "No cache-read rate (cached input priced as input)",
    notes("no-cache-read-discount").map((note) => note.key),
  );
  listed(
    "Other notes",
    [...notes("reasoning-rate"), ...notes("ignored-field")].map((note) => `${note.key}: ${note.text}`),
  );
  return lines;
}

export function formatApplied(applied: AppliedPrice[], repriced: RepricedModel[]): string[] {
  const lines = [`Wrote ${applied.length} price${applied.length === 1 ? "" : "s"} in one transaction:`];
  for (const price of applied) {
    lines.push(
      `  ${catalogKeyText(price.row)} from ${price.effectiveFrom.slice(0, 10)}: price ${price.priceId}, ` +
        `prices ${price.storedRows} stored row${price.storedRows === 1 ? "" : "s"}` +
        (price.warning ? ` (warning: ${price.warning})` : ""),
    );
  }
  if (repriced.length > 0) {
    lines.push("Re-priced stored usage:");
    for (const model of repriced) {
      lines.push(`  ${model.modelUsed} from ${model.from.slice(0, 10)}: ${model.rows} rows`);
    }
  }
  return lines;
}
