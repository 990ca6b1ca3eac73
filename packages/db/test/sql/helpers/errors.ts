import { expect } from "vitest";

/** Awaits `work`, expecting PostgreSQL to reject it with SQLSTATE `code` and a message matching `message`. */
export async function expectSqlError(work: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, "expected the statement to fail").toBeInstanceOf(Error);
  const { code: actualCode, message: actualMessage } = error as Error & { code?: string };
  expect({ code: actualCode, message: actualMessage }).toEqual({
    code,
    message: message ? expect.stringMatching(message) : expect.any(String),
  });
}
