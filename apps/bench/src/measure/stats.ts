export interface LatencyStats {
  readonly count: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly meanMs: number;
}

/**
 * The q-quantile of sorted samples by linear interpolation between closest ranks (the method of
 * numpy's default and of PostgreSQL's percentile_cont), so the median of an even count is the
 * mean of the middle two.
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error("quantile of no samples");
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export function summarize(samplesMs: readonly number[]): LatencyStats {
  const sorted = [...samplesMs].sort((left, right) => left - right);
  return {
    count: sorted.length,
    medianMs: quantile(sorted, 0.5),
    p95Ms: quantile(sorted, 0.95),
    minMs: sorted[0]!,
    maxMs: sorted[sorted.length - 1]!,
    meanMs: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
  };
}

/** Runs `call` `iterations` times in a row and returns each call's wall time in ms. */
export async function timeCalls(
  iterations: number,
  call: (iteration: number) => Promise<unknown>,
): Promise<number[]> {
  const samples: number[] = [];
  for (let iteration = 0; iteration < iterations; iteration++) {
    const started = performance.now();
    await call(iteration);
    samples.push(performance.now() - started);
  }
  return samples;
}
