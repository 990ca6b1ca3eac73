// pnpm prices:generate [--check]: writes generated/price-catalog-<date>.sql from the snapshot.
import { readFile, writeFile } from "node:fs/promises";
import { basename, relative } from "node:path";
import { Command } from "commander";
import { loadCatalog } from "../catalog/load-catalog.js";
import { GENERATED_CATALOG_PATH, SNAPSHOT_PATH } from "../catalog-files.js";
import { catalogSql } from "../sql/catalog-sql.js";

const program = new Command("pnpm prices:generate")
  .description(
    `Write ${basename(GENERATED_CATALOG_PATH)} (the built-in price catalog) from the LiteLLM snapshot.`,
  )
  .option(
    "--check",
    "write nothing; fail when the file is missing or differs from what would be written",
    false,
  )
  .showHelpAfterError();

async function main(): Promise<void> {
  program.parse();
  const { check } = program.opts<{ check: boolean }>();
  const catalog = await loadCatalog(SNAPSHOT_PATH);
  const sql = catalogSql(catalog.rows, catalog.file);
  const shown = relative(process.cwd(), GENERATED_CATALOG_PATH);
  if (check) {
    const current = await readFile(GENERATED_CATALOG_PATH, "utf8").catch(() => undefined);
    if (current !== sql) {
      console.error(`${shown} is ${current === undefined ? "missing" : "stale"}: run pnpm prices:generate`);
      process.exitCode = 1;
      return;
    }
    console.log(`${shown} is up to date (${catalog.rows.length} rows).`);
    return;
  }
  await writeFile(GENERATED_CATALOG_PATH, sql);
  console.log(`Wrote ${shown}: ${catalog.rows.length} rows from ${catalog.mapped.length} models.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
