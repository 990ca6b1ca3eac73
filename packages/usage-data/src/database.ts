// Writing generated events through the real ingest path, and the demo's "migrate, seed if empty".
export { allTimeCostUsd, assertUsageSchema } from "./database/database-checks.js";
export { databaseNow, startOfDatabaseUtcDay } from "./database/database-clock.js";
export { type IngestOptions, type IngestTotals, ingestBatches } from "./database/ingest-batches.js";
export {
  type DemoSeeding,
  demoDataset,
  type PreparedDatabase,
  prepareDemoDatabase,
} from "./database/prepare-demo-database.js";
export { type ProgressReporter, silentProgress } from "./database/progress-reporter.js";
export { resetUsage } from "./database/reset-usage.js";
export {
  type SeedOptions,
  type SeedOptionsInput,
  type SeedResult,
  seedDatabase,
  seedOptionsSchema,
} from "./database/seed-database.js";
