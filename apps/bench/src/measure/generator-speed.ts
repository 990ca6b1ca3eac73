import { inBatches } from "@org/ai-usage-data";
import { benchEvents, type DatasetSpec } from "../dataset/bench-events.js";

export interface GeneratorSpeed {
  readonly events: number;
  readonly eventsPerSecond: number;
  readonly bytesPerEvent: number;
}

/**
 * The generator alone, no database: events made and serialised as the ingest sends them (a JSON
 * array per batch). It shares the machine with PostgreSQL during the build, so it must be many
 * times faster than ingest or the benchmark would measure itself.
 */
export function measureGeneratorSpeed(
  spec: DatasetSpec,
  batchSize: number,
  events = 300_000,
): GeneratorSpeed {
  // Any UTC midnight will do: the generator's cost does not depend on the dates.
  const end = new Date(Date.UTC(2026, 0, 1));
  const batches = inBatches(benchEvents({ ...spec, events }, end), batchSize);
  JSON.stringify(batches.next().value); // warm-up: let the JIT compile the hot path
  const started = performance.now();
  let bytes = 0;
  let count = 0;
  for (const batch of batches) {
    bytes += Buffer.byteLength(JSON.stringify(batch));
    count += batch.length;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    events: count,
    eventsPerSecond: count / Math.max(seconds, 1e-9),
    bytesPerEvent: bytes / Math.max(count, 1),
  };
}
