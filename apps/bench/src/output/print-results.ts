import Table from "cli-table3";
import type { BenchResults } from "./bench-results.js";
import { formatInteger } from "./format.js";

/** The human-readable report: what was measured where, then each figure next to its target. */
export function printResults(results: BenchResults, write: (text: string) => void): void {
  const { dataset, environment } = results;
  const load = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(" / ");
  write(
    [
      `dataset   ${formatInteger(dataset.spec.events)} events over ${dataset.spec.days} days, ${formatInteger(dataset.spec.users)} users, ` +
        `${formatInteger(dataset.spec.customers)} customers (${dataset.action}; ${dataset.start} .. ${dataset.end}; ` +
        `log ~${formatInteger(dataset.logRowsEstimate)} rows)`,
      `database  ${environment.database}, ${environment.serverVersion}; ` +
        Object.entries(environment.settings)
          .map(([name, value]) => `${name}=${value}`)
          .join(", "),
      `sql       ${environment.migrations
        .map(
          (migration) =>
            `${migration.name.replace(/^\d+_/, "")}@${migration.checksum}${migration.changedSince ? " (file changed since)" : ""}`,
        )
        .join(", ")}`,
      `machine   ${environment.cpus} CPUs, load average ${load(environment.loadAverageStart)} at start, ` +
        `${load(environment.loadAverageEnd)} at end (shared machine: figures are noisy)`,
      "",
    ].join("\n"),
  );
  const table = new Table({
    head: ["measure", "measured", "target", "result"],
    style: { head: [], border: [] }, // no colours: the output often goes to a log file
  });
  for (const check of results.checks) table.push([check.measure, check.measured, check.target, check.result]);
  write(`${table.toString()}\n`);
  for (const report of results.core?.explained ?? []) {
    write(
      `\n=== auto_explain: ${report.name} (${report.plans.length} statement(s) over the threshold) ===\n`,
    );
    for (const plan of report.plans) write(`${plan}\n\n`);
  }
}
