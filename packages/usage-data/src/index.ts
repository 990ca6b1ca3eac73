// The generator alone: pure, no database client (see ./database for writing its events).
export {
  datasetPopulation,
  type EventStreamOptions,
  generateEvents,
  inBatches,
  type SeedEvent,
} from "./generate/generate-events.js";
export {
  endOfUtcDay,
  type GenerationOptions,
  type GenerationOptionsInput,
  generationOptionsSchema,
  startOfUtcDay,
} from "./generate/generation-options.js";
export type { Customer, Population, User } from "./generate/people.js";
export { Random } from "./generate/random.js";
export { generatorVersion, requestId, requestIdPrefix } from "./generate/request-id.js";
