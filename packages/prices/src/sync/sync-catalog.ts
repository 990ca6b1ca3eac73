// prices:sync as a function (the CLI and the tests call it): read the file, compare it with the
// catalog in force, and with `apply` write the difference.
import pg from "pg";
import type { Catalog } from "../catalog/build-catalog.js";
import { loadCatalog } from "../catalog/load-catalog.js";
import { MappingError } from "../catalog/map-entry.js";
import { PriceFileError } from "../litellm/read-price-file.js";
import {
  type AppliedPrice,
  applyCatalogDiff,
  explainDatabaseError,
  type RepricedModel,
} from "./apply-catalog.js";
import { readCatalogInForce } from "./catalog-in-force.js";
import { type CatalogDiff, diffCatalog } from "./diff-catalog.js";
import { formatApplied, formatCatalogSummary, formatDiff } from "./format-sync-report.js";
import { SYNC_EXIT, SyncError } from "./sync-error.js";

export interface SyncOptions {
  file: string;
  databaseUrl: string;
  apply: boolean;
  /** YYYY-MM-DD; default: the database's current UTC date. */
  effectiveFrom?: string;
  reprice: boolean;
  verbose: boolean;
}

export interface SyncResult {
  catalog: Catalog;
  diff: CatalogDiff;
  effectiveFrom: string;
  applied: AppliedPrice[];
  repriced: RepricedModel[];
}

/** Gives up on a host that does not answer instead of waiting for the operating system's timeout. */
const CONNECT_TIMEOUT_MS = 15_000;

export async function syncCatalog(options: SyncOptions, print: (line: string) => void): Promise<SyncResult> {
  const catalog = await loadCatalogOrExplain(options.file);
  const client = await connect(options.databaseUrl);
  try {
    const inForce = await readCatalogInForce(client).catch((error: unknown) => {
      throw explainDatabaseError(error);
    });
    const effectiveFrom = options.effectiveFrom ?? inForce.today;
    const entries = catalog.mapped.length + catalog.skipped.length + catalog.duplicates.length;
    for (const line of formatCatalogSummary(catalog, entries)) print(line);
    print(`Catalog in force now: ${inForce.rows.length} rows`);
    if (!options.effectiveFrom)
      print(`Changed prices start ${effectiveFrom} (today in UTC; --effective-from to choose)`);
    const diff = diffCatalog(catalog.rows, inForce);
    for (const line of formatDiff(diff, catalog, { verbose: options.verbose, effectiveFrom })) print(line);
    const writes = diff.added.length + diff.changed.length;
    print("");
    if (!options.apply) {
      print(
        writes === 0
          ? "Nothing to change."
          : `Dry run: nothing written. --apply writes these ${writes} rows in one transaction.`,
      );
      return { catalog, diff, effectiveFrom, applied: [], repriced: [] };
    }
    if (writes === 0) {
      print("Nothing to change: nothing written.");
      return { catalog, diff, effectiveFrom, applied: [], repriced: [] };
    }
    const { applied, repriced } = await applyCatalogDiff(client, diff, {
      effectiveFrom,
      reprice: options.reprice,
    });
    for (const line of formatApplied(applied, repriced)) print(line);
    return { catalog, diff, effectiveFrom, applied, repriced };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function loadCatalogOrExplain(file: string): Promise<Catalog & { file: string }> {
  try {
    return await loadCatalog(file);
  } catch (error) {
    if (error instanceof PriceFileError || error instanceof MappingError) {
      throw new SyncError(error.message, SYNC_EXIT.problem);
    }
    throw error;
  }
}

async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: "ai-usage-prices-sync",
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // A connection lost later also emits "error"; the query in flight rejects with it.
  client.on("error", () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    const { code, message } = (error ?? {}) as { code?: string; message?: string };
    const why =
      code === "ECONNREFUSED"
        ? "connection refused (is PostgreSQL running there, on that port?)"
        : code === "ENOTFOUND" || code === "EAI_AGAIN"
          ? "unknown host"
          : message || code || String(error);
    throw new SyncError(`cannot connect to ${redact(databaseUrl)}: ${why}`, SYNC_EXIT.unreachable);
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable database URL)";
  }
}
