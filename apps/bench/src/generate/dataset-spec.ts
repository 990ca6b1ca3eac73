/** What a benchmark dataset depends on: the same spec always yields the same events. */
export interface DatasetSpec {
  readonly events: number;
  readonly days: number;
  readonly users: number;
  readonly customers: number;
  readonly seed: number;
}

/** Bump when the generator changes what it produces for the same spec. */
export const generatorVersion = 1;

/**
 * The request-id prefix of a dataset: the generator version and the spec, hashed. Request ids are
 * the idempotency keys of the ingest path, so a rerun of the same spec stores nothing new, and two
 * specs never collide. The time anchor is not part of it: a rerun on a later day adds nothing.
 */
export function requestIdPrefix(spec: DatasetSpec): string {
  const key = [generatorVersion, spec.seed, spec.events, spec.days, spec.users, spec.customers].join("|");
  return `bench-${fnv1a32(key)}-`;
}

/** Zero-padded, so text order (the order rows are inserted in) is event order, i.e. time order. */
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
