import { compareSchemas, type SchemaDifference } from "./schema-comparison.js";
import { type ScratchStatesOptions, withScratchStates } from "./scratch-states.js";

/**
 * `pnpm db:drift`: what differs between the schema the migrations build (A) and the one the source
 * declares (B): migra's statements plus the comments and privileges it does not compare.
 */
export async function checkDrift(options: ScratchStatesOptions): Promise<SchemaDifference> {
  return withScratchStates(options, async (states) => {
    options.progress("comparing A (migrations) with B (source): migra, comments, privileges");
    return compareSchemas(states.migratedUrl, states.sourceUrl);
  });
}
