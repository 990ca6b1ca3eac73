// pnpm prices:generate [--check]: writes generated/price-catalog-<date>.sql from the snapshot.
import { readFile, writeFile } from "node:fs/promises";
import { basename, relative, resolve } from "node:path";
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
  .option("--output <file>", "the file to write or check", GENERATED_CATALOG_PATH)
  .showHelpAfterError();

async function main(): Promise<void> {
  program.parse();
  const options = program.opts<{ check: boolean; output: string }>();
  const { check } = options;
  // pnpm runs scripts in the repository root; a relative path means the caller's directory.
  const output = resolve(process.env.INIT_CWD ?? process.cwd(), options.output);
  const catalog = await loadCatalog(SNAPSHOT_PATH);
  const sql = catalogSql(catalog.rows, catalog.file);
  const shown = relative(process.cwd(), output);
  if (check) {
    const current = await readFile(output, "utf8").catch(() => undefined);
    if (current !== sql) {
      console.error(`${shown} is ${current === undefined ? "missing" : "stale"}: run pnpm prices:generate`);
      process.exitCode = 1;
      return;
    }
    console.log(`${shown} is up to date (${catalog.rows.length} rows).`);
    return;
  }
  await writeFile(output, sql);
  console.log(`Wrote ${shown}: ${catalog.rows.length} rows from ${catalog.mapped.length} models.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
