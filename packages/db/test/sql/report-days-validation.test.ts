import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect } from "./helpers/database.js";
import { expectSqlError } from "./helpers/errors.js";

// The spec computed silent nonsense for p_days NULL, 0 or negative; the contract is 1..3660 or 22023.

let client: pg.Client;
beforeAll(async () => {
  client = await connect();
});
afterAll(async () => {
  await client.end();
});

const BAD_DAYS = [null, 0, -1, 3661];
const REPORTS: [string, (days: number | null) => Promise<unknown>][] = [
  ["get_ai_usage_dashboard", (days) => client.query("SELECT get_ai_usage_dashboard($1)", [days])],
  ["get_user_ai_usage", (days) => client.query("SELECT get_user_ai_usage($1, $2)", [randomUUID(), days])],
];

describe("p_days outside 1..3660 raises 22023", () => {
  for (const [name, call] of REPORTS) {
    test.each(BAD_DAYS)(`${name}(p_days => %s)`, async (days) => {
      await expectSqlError(
        call(days),
        "22023",
        new RegExp(`p_days must be .* between 1 and 3660 \\(got ${days ?? "NULL"}\\)`),
      );
    });

    test.each([1, 3660])(`${name}(p_days => %s) is accepted`, async (days) => {
      await expect(call(days)).resolves.toBeDefined();
    });
  }

  test("get_user_ai_usage without a user raises 22023", async () => {
    await expectSqlError(
      client.query("SELECT get_user_ai_usage(NULL, 30)"),
      "22023",
      /p_user_id is required/,
    );
  });
});
