import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { callAs, codeOf } from "./support/postgrest-call.js";
import { type SharedFixture, seedSharedFixture } from "./support/shared-fixture.js";

// Issue 13, "NaN": numeric NaN passes `rate >= 0`. Before the fix an admin's
// set_ai_model_price(..., 'NaN', 1) was accepted, and every cost total and the dashboard broke.

let client: pg.Client;
let f: SharedFixture;
beforeAll(async () => {
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  f = await seedSharedFixture(client);
});
afterAll(() => client?.end());

const SET_PRICE = `select public.set_ai_model_price(p_provider => 'test', p_model_match => $1,
  p_effective_from => '2024-01-01T00:00:00Z', p_input_per_mtok => $2::numeric, p_output_per_mtok => $3::numeric,
  p_cache_read_per_mtok => $4::numeric)`;

test.each([
  ["NaN", "1", null],
  ["1", "NaN", null],
  ["1", "1", "NaN"],
  ["Infinity", "1", null],
  ["1", "-Infinity", null],
])(
  "an admin's set_ai_model_price(input %s, output %s, cache read %s) is refused with 22023",
  async (input, output, read) => {
    const result = await callAs(client, f.callers.adminByJwt, SET_PRICE, [
      `nan-${randomUUID()}`,
      input,
      output,
      read,
    ]);
    expect(codeOf(result)).toBe("22023");
    expect(result.ok ? "" : result.message).toMatch(/invalid price/);
  },
);

test("a direct write of a NaN rate by the owner is refused by the table itself", async () => {
  for (const table of ["ai_model_prices", "ai_usage_log"] as const) {
    const sql =
      table === "ai_model_prices"
        ? `insert into public.ai_model_prices (provider, model_match, effective_from, input_per_mtok, output_per_mtok,
             cache_write_5m_per_mtok, cache_write_1h_per_mtok, cache_read_per_mtok)
           values ('test', 'nan-direct', '2024-01-01', 'NaN', 1, 1, 1, 1)`
        : `insert into public.ai_usage_log (user_id, input_price_per_mtok, output_price_per_mtok,
             cache_write_5m_price_per_mtok, cache_write_1h_price_per_mtok, cache_read_price_per_mtok)
           values ('${f.ids.userA}', 1, 'NaN', 1, 1, 1)`;
    expect(codeOf(await callAs(client, f.callers.owner, sql))).toBe("23514");
  }
});

test("a finite price is still accepted", async () => {
  const result = await callAs(client, f.callers.adminByJwt, SET_PRICE, [
    `finite-${randomUUID()}`,
    "1.5",
    "2",
    null,
  ]);
  expect(codeOf(result)).toBe("ok");
});
