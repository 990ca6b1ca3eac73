import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect } from "./helpers/database.js";
import { expectSqlError } from "./helpers/errors.js";
import { uniqueTag } from "./helpers/events.js";
import { logAt, pricedRows, setPrice } from "./helpers/priced-rows.js";

// A model and provider of this file only, so catalog changes touch no other test's rows.
const provider = `eff-${uniqueTag()}`;
const model = `eff-model-${uniqueTag()}`;
const userId = randomUUID();
const requestType = `eff-${uniqueTag()}`;

let client: pg.Client;
beforeAll(async () => {
  client = await connect();
});
afterAll(async () => {
  await client.end();
});

// 1M input + 1M output tokens cost (input rate + output rate) dollars.
const cost = (dollars: string) => Number(dollars).toFixed(12);

describe("effective-dated prices", () => {
  let firstPriceId: string;

  test("a row is priced by the entry in force at its created_at; effective_to is exclusive", async () => {
    firstPriceId = await setPrice(client, {
      provider,
      model,
      from: "2025-01-01T00:00:00Z",
      input: 1,
      output: 2,
      to: "2025-12-01T00:00:00Z",
    });
    await logAt(client, userId, model, requestType, [
      "2024-12-31T23:59:59Z", // before the first entry
      "2025-01-01T00:00:00Z", // effective_from is inclusive
      "2025-11-30T23:59:59Z",
      "2025-12-01T00:00:00Z", // effective_to is exclusive
      "2025-12-15T00:00:00Z",
    ]);
    const rows = await pricedRows(client, userId, model);
    const unpriced = { provider: "unknown", price_id: null, input_rate: null, total_cost: null };
    expect(rows["2024-12-31T23:59:59Z"]).toMatchObject(unpriced);
    expect(rows["2025-01-01T00:00:00Z"]).toMatchObject({
      provider,
      price_id: firstPriceId,
      input_rate: "1.000000",
      total_cost: cost("3"),
    });
    expect(rows["2025-11-30T23:59:59Z"]).toMatchObject({ price_id: firstPriceId, total_cost: cost("3") });
    expect(rows["2025-12-01T00:00:00Z"]).toMatchObject(unpriced);
    expect(rows["2025-12-15T00:00:00Z"]).toMatchObject(unpriced);
  });

  test("a new entry prices new rows from its effective_from and leaves earlier rows unchanged", async () => {
    const before = await pricedRows(client, userId, model);
    const secondPriceId = await setPrice(client, {
      provider,
      model,
      from: "2026-01-01T00:00:00Z",
      input: 4,
      output: 8,
    });
    expect(secondPriceId).not.toBe(firstPriceId);
    await logAt(client, userId, model, requestType, ["2026-01-01T00:00:00Z", "2026-02-01T12:00:00Z"]);
    const after = await pricedRows(client, userId, model);
    for (const [createdAt, row] of Object.entries(before)) expect(after[createdAt]).toEqual(row);
    expect(after["2026-01-01T00:00:00Z"]).toMatchObject({
      price_id: secondPriceId,
      input_rate: "4.000000",
      total_cost: cost("12"),
    });
    expect(after["2026-02-01T12:00:00Z"]).toMatchObject({ price_id: secondPriceId, total_cost: cost("12") });
  });

  test("correcting an entry (same provider, model, effective_from) updates it in place; history keeps its rates", async () => {
    const before = await pricedRows(client, userId, model);
    const corrected = await setPrice(client, {
      provider,
      model,
      from: "2025-01-01T00:00:00Z",
      input: 1.5,
      output: 3,
      to: "2025-12-01T00:00:00Z",
    });
    expect(corrected).toBe(firstPriceId);
    const { rows } = await client.query(
      "SELECT input_per_mtok::text, output_per_mtok::text, cache_read_per_mtok::text FROM ai_model_prices WHERE id = $1",
      [firstPriceId],
    );
    // A made-up provider: the omitted cache rates assume no discount (price-rule.test.ts).
    expect(rows).toEqual([
      { input_per_mtok: "1.500000", output_per_mtok: "3.000000", cache_read_per_mtok: "1.500000" },
    ]);
    // Stored rows are history: they change only when an admin re-prices them.
    expect(await pricedRows(client, userId, model)).toEqual(before);
    await logAt(client, userId, model, requestType, ["2025-03-01T00:00:00Z"]);
    expect((await pricedRows(client, userId, model))["2025-03-01T00:00:00Z"]).toMatchObject({
      total_cost: cost("4.5"),
    });
  });

  test("an exact model id entry wins over a family entry in force at the same time", async () => {
    const dated = `${model}-20250101`;
    await setPrice(client, { provider, model: dated, from: "2025-06-01T00:00:00Z", input: 10, output: 10 });
    await logAt(client, userId, dated, requestType, ["2025-05-01T00:00:00Z", "2025-07-01T00:00:00Z"]);
    const rows = await pricedRows(client, userId, dated);
    // Before the exact entry exists only the family (corrected first entry) applies.
    expect(rows["2025-05-01T00:00:00Z"]).toMatchObject({ price_id: firstPriceId, total_cost: cost("4.5") });
    expect(rows["2025-07-01T00:00:00Z"]).toMatchObject({ input_rate: "10.000000", total_cost: cost("20") });
  });

  test.each([
    ["a negative rate", { input: -1, output: 1 }, /invalid price/],
    [
      "effective_to not after effective_from",
      { input: 1, output: 1, to: "2024-01-01T00:00:00Z" },
      /invalid price/,
    ],
  ])("set_ai_model_price rejects %s with 22023", async (_what, price, message) => {
    await expectSqlError(
      setPrice(client, { provider, model: `${model}-bad`, from: "2025-01-01T00:00:00Z", ...price }),
      "22023",
      message,
    );
    const { rows } = await client.query(
      "SELECT count(*)::int AS n FROM ai_model_prices WHERE model_match = $1",
      [`${model}-bad`],
    );
    expect(rows).toEqual([{ n: 0 }]);
  });
});
