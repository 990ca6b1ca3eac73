import { expect } from "vitest";
import type { Harness } from "./harness.js";
import type { ErrorBody } from "./requests.js";

/** Checks a JSON error answer (status, code, CORS) and returns its message. */
export async function expectError(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  const body = (await response.json()) as ErrorBody;
  expect(body.error.code).toBe(code);
  return body.error.message;
}

/** Refused requests cost nothing: Anthropic never called, no row for any of `userIds`. */
export async function expectNothingDone(harness: Harness, userIds: string[], calledBefore: number) {
  expect(harness.anthropic.received.length).toBe(calledBefore);
  const { rows } = await harness.pool.query(
    "select count(*)::int as count from ai_usage_log where user_id = any($1::uuid[])",
    [userIds],
  );
  expect(rows).toEqual([{ count: 0 }]);
}
