import {
  type EventStreamOptions,
  type GenerationOptions,
  generateEvents,
  requestIdPrefix,
  type SeedEvent,
} from "@org/ai-usage-data";

/** What a benchmark dataset depends on: the same spec always yields the same events. */
export type DatasetSpec = Omit<GenerationOptions, "end">;

/**
 * The request-id prefix of the bench's dataset for `spec`: `bench-<hash of the generator version
 * and the spec>-`. A rerun of the same spec stores nothing new, two specs never collide, and
 * `bench-` tells the bench's rows from anyone else's (see emptyUsageLog).
 */
export function benchRequestIdPrefix(spec: DatasetSpec): string {
  return requestIdPrefix(spec, "bench");
}

/**
 * The bench's events for `spec` over the `spec.days` days before `end`, oldest first, from the
 * shared generator (@org/ai-usage-data). Lazy: one day of events is in memory at a time.
 */
export function benchEvents(
  spec: DatasetSpec,
  end: Date,
  stream: EventStreamOptions = {},
): Generator<SeedEvent> {
  return generateEvents({ ...spec, end }, { requestIdPrefix: benchRequestIdPrefix(spec), ...stream });
}

/** Live traffic: the database stamps these rows with now(), as it does an app's. */
export function* withoutCreatedAt(events: Iterable<SeedEvent>): Generator<Omit<SeedEvent, "created_at">> {
  for (const { created_at: _stampedByTheDatabase, ...event } of events) yield event;
}

/** Advances `events` past `count` events (resuming an interrupted build). */
export function skipEvents(events: Iterator<unknown>, count: number): void {
  for (let skipped = 0; skipped < count; skipped++) if (events.next().done) return;
}
