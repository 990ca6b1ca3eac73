import cliProgress from "cli-progress";
import { formatInteger } from "./output/format.js";

export interface ProgressBar {
  update(done: number): void;
  stop(): void;
}

/**
 * A progress bar with rate and ETA on stderr, so stdout stays clean for the results (and --json).
 * When stderr is not a terminal (nohup, CI, a pipe) it prints one line every 10 s instead, so a
 * background run's log shows how far it got.
 */
export function startProgressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
  const startedAt = performance.now();
  const rate = (done: number) =>
    formatInteger(done / Math.max(0.001, (performance.now() - startedAt) / 1000));
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} {bar} {percentage}% | {done}/{all} events | {rate} events/s | ETA {eta_formatted}`,
      barsize: 30,
      etaBuffer: 100,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 10_000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { done: "0", all: formatInteger(total), rate: "0" });
  return {
    update: (done: number) => bar.update(done, { done: formatInteger(done), rate: rate(done) }),
    stop: () => bar.stop(),
  } satisfies ProgressBar;
}
