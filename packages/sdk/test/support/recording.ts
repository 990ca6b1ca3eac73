import { createUsageRecorder, type UsageError, type UsageRecorder } from "../../src/index.js";
import { createPgSink } from "../../src/pg.js";
import type { DatabaseHandle } from "./database.js";

/** A recorder writing into the test database through the pg sink, collecting what it reports. */
export function pgRecorder(database: DatabaseHandle): { recorder: UsageRecorder; errors: UsageError[] } {
  const errors: UsageError[] = [];
  const recorder = createUsageRecorder({
    sink: createPgSink(database.pool),
    flushIntervalMs: 20,
    onError: (error) => errors.push(error),
  });
  return { recorder, errors };
}
