import type { DatasetSpec } from "../generate/dataset-spec.js";
import { EventGenerator } from "../generate/event-generator.js";

export interface GeneratorSpeed {
  readonly events: number;
  readonly eventsPerSecond: number;
  readonly bytesPerEvent: number;
}

/**
 * The generator alone, no database: it shares the machine with PostgreSQL during the build, so it
 * must be many times faster than ingest or the benchmark would measure itself.
 */
export function measureGeneratorSpeed(
  spec: DatasetSpec,
  batchSize: number,
  events = 300_000,
): GeneratorSpeed {
  const generator = new EventGenerator({ ...spec, events }, Date.now() - spec.days * 86_400_000);
  generator.nextBatch(batchSize); // warm-up: let the JIT compile the hot path
  const started = performance.now();
  let bytes = 0;
  let count = 0;
  while (!generator.done) {
    const batch = generator.nextBatch(batchSize);
    bytes += batch.json.length;
    count += batch.size;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    events: count,
    eventsPerSecond: count / Math.max(seconds, 1e-9),
    bytesPerEvent: bytes / Math.max(count, 1),
  };
}
