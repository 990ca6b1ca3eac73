import { isDeepStrictEqual } from "node:util";
import { expect } from "vitest";

/**
 * Runs `read` between two reads of the database's own answer. The reports count "today", "this
 * week" and "this month" by the database's clock, so a read that straddles midnight in the
 * reporting time zone sees the day before or the day after it; whichever it saw, it must equal the
 * database's answer of that day.
 */
export async function readAround<Reference, Read>(
  reference: () => Promise<Reference>,
  read: () => Promise<Read>,
): Promise<{ before: Reference; value: Read; after: Reference }> {
  const before = await reference();
  const value = await read();
  const after = await reference();
  return { before, value, after };
}

/** `actual` equals `before` or `after` (one of them is the day `actual` was read on). */
export function expectEqualToOneOf<T>(actual: T, before: T, after: T, message?: string): void {
  if (isDeepStrictEqual(before, after)) expect(actual, message).toEqual(after);
  else expect([before, after], message).toContainEqual(actual);
}
