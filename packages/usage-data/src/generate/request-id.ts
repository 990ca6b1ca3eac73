import type { GenerationOptions } from "./generation-options.js";

/**
 * Bump when the generator changes what it produces for the same options, so that a new shape
 * is stored as new rows instead of being skipped as duplicates of the old one.
 * 2: one generator for the seed and the bench (the bench's events changed; the seed's did not).
 */
export const generatorVersion = 2;

/**
 * Request ids are the idempotency keys of the ingest path: who wrote them (`namespace`: the seed's
 * are `seed-<seed>`, the bench's `bench`, so each can tell its rows from anyone else's), the
 * generator version and the options that decide the dataset, and the event's index. Not the
 * end-of-range anchor, so a rerun on a later day adds nothing instead of a second copy of the
 * dataset shifted by a day.
 */
export function requestIdPrefix(
  options: Omit<GenerationOptions, "end">,
  namespace = `seed-${options.seed}`,
): string {
  const key = [
    generatorVersion,
    options.seed,
    options.events,
    options.days,
    options.users,
    options.customers,
  ].join("|");
  return `${namespace}-${fnv1a32(key)}-`;
}

/** Zero-padded so that text order (the order rows are inserted in) is event order, i.e. time order. */
export function requestId(prefix: string, index: number): string {
  return prefix + String(index).padStart(9, "0");
}

/** FNV-1a, 32 bits, as 8 hex digits: short, stable, dependency-free. Not for security. */
function fnv1a32(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}
