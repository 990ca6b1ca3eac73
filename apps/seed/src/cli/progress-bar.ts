import type { ProgressReporter } from "@org/ai-usage-data/database";
import cliProgress from "cli-progress";
import { formatDuration, formatInteger } from "../text/format.js";

/**
 * A progress bar with rate and ETA on stderr (stdout stays clean for the summary). When stderr is
 * not a terminal (CI, a pipe, a log file), it prints nothing until the final line.
 */
export function createProgressReporter(
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressReporter {
  const startedAt = performance.now();
  const rate = (done: number) =>
    formatInteger(done / Math.max(0.001, (performance.now() - startedAt) / 1000));
  const finalLine = (done: number) =>
    `seeded ${formatInteger(done)} events in ${formatDuration(performance.now() - startedAt)} (${rate(done)} events/s)\n`;

  if (!stream.isTTY) {
    return { update() {}, finish: (done) => void stream.write(finalLine(done)) };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "seeding {bar} {percentage}% | {done}/{all} events | {rate} events/s | ETA {eta_formatted}",
      barsize: 30,
      etaBuffer: 50,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { done: "0", all: formatInteger(total), rate: "0" });
  return {
    update: (done) => bar.update(done, { done: formatInteger(done), rate: rate(done) }),
    finish: (done) => {
      bar.update(done, { done: formatInteger(done), rate: rate(done) });
      bar.stop();
      stream.write(finalLine(done));
    },
  };
}
