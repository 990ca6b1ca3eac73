import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect } from "./helpers/database.js";
import { expectSqlError } from "./helpers/errors.js";
import { uniqueTag } from "./helpers/events.js";
import { logAt, pricedRows, setPrice } from "./helpers/priced-rows.js";
import { compareSummariesWithLog, reconcile } from "./helpers/summary-oracle.js";

const provider = `rep-${uniqueTag()}`;
const model = `rep-model-${uniqueTag()}`;
const unpricedModel = `rep-unpriced-${uniqueTag()}`;
const userId = randomUUID();
const requestType = `rep-${uniqueTag()}`;
const JUNE = ["2025-05-31T23:59:59Z", "2025-06-01T00:00:00Z", "2025-06-20T00:00:00Z", "2025-07-01T00:00:00Z"];

let client: pg.Client;
beforeAll(async () => {
  client = await connect();
  await setPrice(client, { provider, model, from: "2025-01-01T00:00:00Z", input: 1, output: 2 });
  await logAt(client, userId, model, requestType, JUNE);
  await logAt(client, userId, unpricedModel, requestType, ["2025-06-10T00:00:00Z", "2025-08-10T00:00:00Z"]);
});
afterAll(async () => {
  await client.end();
});

async function reprice(modelUsed: string | null, from?: string, to?: string): Promise<number> {
  const { rows } = await client.query<{ changed: number }>("SELECT reprice_ai_usage($1, $2, $3) AS changed", [
    modelUsed,
    from ?? null,
    to ?? null,
  ]);
  return rows[0]!.changed;
}

/** This user's summaries agree with the log (independent oracle), and the database's own check agrees. */
async function expectSummariesExact(): Promise<void> {
  const comparison = await compareSummariesWithLog(client, "UTC", {
    userIds: [userId],
    requestTypes: [requestType],
  });
  for (const { expected, actual } of Object.values(comparison)) expect(actual).toEqual(expected);
  expect(await reconcile(client)).toMatchObject({ ok: true, mismatches: 0 });
}

/** The user's monthly cost from ai_usage_summary next to the raw log's SUM, per month. */
async function monthlyCosts(): Promise<{ month: string; summary: string; log: string }[]> {
  const { rows } = await client.query(
    `SELECT s.month::text, s.total_cost_usd::numeric(24,12)::text AS summary,
            (SELECT coalesce(sum(l.total_cost_usd), 0)::numeric(24,12)::text FROM ai_usage_log l
             WHERE l.user_id = s.user_id AND date_trunc('month', l.created_at AT TIME ZONE 'UTC')::date = s.month) AS log
     FROM ai_usage_summary s WHERE s.user_id = $1 ORDER BY s.month`,
    [userId],
  );
  return rows;
}

describe("reprice_ai_usage", () => {
  test("re-prices only the rows created in [from, to) and returns how many changed", async () => {
    await setPrice(client, { provider, model, from: "2025-01-01T00:00:00Z", input: 3, output: 3 });
    const before = await pricedRows(client, userId, model);
    expect(Object.values(before).map((row) => row.total_cost)).toEqual(Array(4).fill("3.000000000000"));

    expect(await reprice(model, "2025-06-01T00:00:00Z", "2025-07-01T00:00:00Z")).toBe(2);
    const after = await pricedRows(client, userId, model);
    expect(Object.values(after).map((row) => [row.created_at, row.total_cost])).toEqual([
      ["2025-05-31T23:59:59Z", "3.000000000000"], // before p_from: untouched
      ["2025-06-01T00:00:00Z", "6.000000000000"], // p_from is inclusive
      ["2025-06-20T00:00:00Z", "6.000000000000"],
      ["2025-07-01T00:00:00Z", "3.000000000000"], // p_to is exclusive
    ]);
    // Nothing left to change in that period.
    expect(await reprice(model, "2025-06-01T00:00:00Z", "2025-07-01T00:00:00Z")).toBe(0);
  });

  test("summaries stay exact after re-pricing", async () => {
    await expectSummariesExact();
    expect(await monthlyCosts()).toEqual([
      { month: "2025-05-01", summary: "3.000000000000", log: "3.000000000000" },
      { month: "2025-06-01", summary: "12.000000000000", log: "12.000000000000" },
      { month: "2025-07-01", summary: "3.000000000000", log: "3.000000000000" },
      { month: "2025-08-01", summary: "0.000000000000", log: "0.000000000000" },
    ]);
  });

  test("without bounds, every row of the model is re-priced", async () => {
    expect(await reprice(model)).toBe(2);
    const rows = await pricedRows(client, userId, model);
    expect(Object.values(rows).map((row) => row.total_cost)).toEqual(Array(4).fill("6.000000000000"));
    await expectSummariesExact();
  });

  test("an unpriced model becomes priced once its price is added and it is re-priced", async () => {
    const { rows: before } = await client.query(
      "SELECT sum(unpriced_requests)::int AS unpriced FROM ai_usage_summary WHERE user_id = $1",
      [userId],
    );
    expect(before).toEqual([{ unpriced: 2 }]);
    await setPrice(client, {
      provider,
      model: unpricedModel,
      from: "2025-01-01T00:00:00Z",
      input: 2,
      output: 5,
    });
    // Adding the price alone changes no stored row.
    expect(
      Object.values(await pricedRows(client, userId, unpricedModel)).map((row) => row.total_cost),
    ).toEqual([null, null]);

    expect(await reprice(unpricedModel)).toBe(2);
    const rows = Object.values(await pricedRows(client, userId, unpricedModel));
    expect(rows.map((row) => [row.input_rate, row.total_cost])).toEqual([
      ["2.000000", "7.000000000000"],
      ["2.000000", "7.000000000000"],
    ]);
    expect(rows.every((row) => row.price_id !== null)).toBe(true);
    const { rows: after } = await client.query(
      "SELECT sum(unpriced_requests)::int AS unpriced FROM ai_usage_summary WHERE user_id = $1",
      [userId],
    );
    expect(after).toEqual([{ unpriced: 0 }]);
    // Rows stored without a provider ('unknown') take the provider of their new price, and the
    // per-model summary moves them: no 'unknown' entry is left behind.
    const { rows: providers } = await client.query(
      `SELECT (SELECT array_agg(DISTINCT provider) FROM ai_usage_log WHERE user_id = $1 AND model_used = $2) AS log,
              (SELECT array_agg(DISTINCT provider) FROM ai_usage_daily_by_model WHERE model_used = $2) AS summary`,
      [userId, unpricedModel],
    );
    expect(providers).toEqual([{ log: [provider], summary: [provider] }]);
    await expectSummariesExact();
    expect((await monthlyCosts()).map((row) => row.summary === row.log)).toEqual([true, true, true, true]);
  });

  test("a direct change of a row's rates (the price columns may change) keeps summaries exact", async () => {
    await client.query(
      "UPDATE ai_usage_log SET input_price_per_mtok = 9 WHERE user_id = $1 AND created_at = '2025-06-20T00:00:00Z'",
      [userId],
    );
    await expectSummariesExact();
  });

  test.each([
    ["a NULL model", null, undefined, undefined, /p_model_used is required/],
    ["an empty model", "", undefined, undefined, /p_model_used is required/],
    [
      "p_to before p_from",
      "x",
      "2025-02-01T00:00:00Z",
      "2025-01-01T00:00:00Z",
      /p_to must be later than p_from/,
    ],
    [
      "p_to equal to p_from",
      "x",
      "2025-02-01T00:00:00Z",
      "2025-02-01T00:00:00Z",
      /p_to must be later than p_from/,
    ],
  ])("rejects %s with 22023", async (_what, modelUsed, from, to, message) => {
    await expectSqlError(reprice(modelUsed, from, to), "22023", message);
  });
});
