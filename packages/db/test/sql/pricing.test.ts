import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect } from "./helpers/database.js";
import { logBatch, logOne, uniqueTag, usageEvent } from "./helpers/events.js";

// How each usage row was priced: the rates it stored and the costs generated from them, as text so
// amounts compare exactly.
const PRICED_COLUMNS = `provider, model_used, total_tokens::text, price_id IS NOT NULL AS has_price,
  input_price_per_mtok::text AS input_rate, output_price_per_mtok::text AS output_rate,
  cache_write_5m_price_per_mtok::text AS write_5m_rate, cache_write_1h_price_per_mtok::text AS write_1h_rate,
  cache_read_price_per_mtok::text AS read_rate, input_cost_usd::text AS input_cost,
  output_cost_usd::text AS output_cost, cache_write_cost_usd::text AS cache_write_cost,
  cache_read_cost_usd::text AS cache_read_cost, total_cost_usd::text AS total_cost`;

let client: pg.Client;
const userId = randomUUID();

beforeAll(async () => {
  client = await connect();
});
afterAll(async () => {
  await client.end();
});

async function pricedRow(requestId: string): Promise<Record<string, unknown>> {
  const { rows } = await client.query(`SELECT ${PRICED_COLUMNS} FROM ai_usage_log WHERE request_id = $1`, [
    requestId,
  ]);
  expect(rows).toHaveLength(1);
  return rows[0];
}

async function logModel(
  model: string,
  extra: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const event = usageEvent(userId, { model_used: model, ...extra });
  await logBatch(client, [event]);
  return pricedRow(event.request_id as string);
}

describe("pricing per model and token bucket", () => {
  test("claude-sonnet-4-20250514 is priced as claude-sonnet-4 in all five buckets", async () => {
    const row = await logModel("claude-sonnet-4-20250514", {
      input_tokens: 1200,
      cache_write_5m_tokens: 2000,
      cache_write_1h_tokens: 3000,
      cache_read_tokens: 40000,
      output_tokens: 5000,
    });
    expect(row).toEqual({
      provider: "anthropic",
      model_used: "claude-sonnet-4-20250514",
      total_tokens: "51200",
      has_price: true,
      input_rate: "3.000000",
      output_rate: "15.000000",
      write_5m_rate: "3.750000",
      write_1h_rate: "6.000000",
      read_rate: "0.300000",
      input_cost: "0.003600000000", // 1200 x $3 / 1M
      output_cost: "0.075000000000", // 5000 x $15 / 1M
      cache_write_cost: "0.025500000000", // 2000 x $3.75 / 1M + 3000 x $6 / 1M
      cache_read_cost: "0.012000000000", // 40000 x $0.30 / 1M
      total_cost: "0.116100000000",
    });
  });

  test("the spec's default model costs what the spec computed", async () => {
    const requestId = `req-${randomUUID()}`;
    await logOne(client, { user_id: userId, input_tokens: 1234, output_tokens: 567, request_id: requestId });
    const { rows } = await client.query(
      `SELECT model_used, input_cost_usd = input_tokens * 0.000003 AS input_matches,
              output_cost_usd = output_tokens * 0.000015 AS output_matches,
              total_cost_usd = (input_tokens * 0.000003) + (output_tokens * 0.000015) AS total_matches,
              total_cost_usd::text AS total_cost, total_tokens::text
       FROM ai_usage_log WHERE request_id = $1`,
      [requestId],
    );
    expect(rows).toEqual([
      {
        model_used: "claude-sonnet-4-20250514",
        input_matches: true,
        output_matches: true,
        total_matches: true,
        total_cost: "0.012207000000",
        total_tokens: "1801",
      },
    ]);
  });

  test("gpt-4o-2024-08-06 is priced as gpt-4o, and gpt-4o-mini is not", async () => {
    const tokens = { input_tokens: 1_000_000, cache_read_tokens: 1_000_000, output_tokens: 1_000_000 };
    const dated = await logModel("gpt-4o-2024-08-06", tokens);
    const family = await logModel("gpt-4o", tokens);
    const mini = await logModel("gpt-4o-mini", tokens);
    const datedMini = await logModel("gpt-4o-mini-2024-07-18", tokens);
    expect({ ...dated, model_used: "gpt-4o" }).toEqual(family);
    expect(dated).toMatchObject({
      provider: "openai",
      input_rate: "2.500000",
      total_cost: "13.750000000000",
    });
    expect(mini).toMatchObject({ provider: "openai", input_rate: "0.150000", output_rate: "0.600000" });
    expect(mini.total_cost).toBe("0.825000000000"); // 0.15 + 0.075 + 0.60
    expect({ ...datedMini, model_used: "gpt-4o-mini" }).toEqual(mini);
  });

  test("a -latest alias and a dated id price as their family; a longer family is not cut short", async () => {
    const latest = await logModel("claude-3-5-haiku-latest", { input_tokens: 1_000_000, output_tokens: 0 });
    expect(latest).toMatchObject({
      provider: "anthropic",
      input_rate: "0.800000",
      total_cost: "0.800000000000",
    });
    const opus41 = await logModel("claude-opus-4-1-20250805", { input_tokens: 1_000_000, output_tokens: 0 });
    expect(opus41).toMatchObject({ input_rate: "15.000000", total_cost: "15.000000000000" });
  });

  test("an exact model id wins over its family", async () => {
    const family = `fam-${uniqueTag()}`;
    await client.query("SELECT set_ai_model_price('testco', $1, '2024-01-01Z', 1, 2)", [family]);
    await client.query("SELECT set_ai_model_price('testco', $1, '2024-01-01Z', 7, 9)", [
      `${family}-20250101`,
    ]);
    const tokens = { input_tokens: 1_000_000, output_tokens: 1_000_000 };
    const exact = await logModel(`${family}-20250101`, tokens);
    const sibling = await logModel(`${family}-20250202`, tokens);
    expect(exact).toMatchObject({
      provider: "testco",
      input_rate: "7.000000",
      total_cost: "16.000000000000",
    });
    expect(sibling).toMatchObject({
      provider: "testco",
      input_rate: "1.000000",
      total_cost: "3.000000000000",
    });
    // A provider other than Anthropic, OpenAI and Google: omitted cache rates assume no discount
    // (price-defaults.test.ts has every provider's defaults).
    expect(exact).toMatchObject({
      write_5m_rate: "7.000000",
      write_1h_rate: "7.000000",
      read_rate: "7.000000",
    });
  });

  test("an unknown model is unpriced: NULL rates and costs, never 0, provider 'unknown'", async () => {
    const unpriced = {
      has_price: false,
      input_rate: null,
      output_rate: null,
      write_5m_rate: null,
      write_1h_rate: null,
      read_rate: null,
      input_cost: null,
      output_cost: null,
      cache_write_cost: null,
      cache_read_cost: null,
      total_cost: null,
    };
    const model = `no-such-model-${uniqueTag()}`;
    const tokens = { input_tokens: 10, output_tokens: 20, cache_write_1h_tokens: 30, cache_read_tokens: 40 };
    expect(await logModel(model, tokens)).toEqual({
      provider: "unknown",
      model_used: model,
      total_tokens: "100",
      ...unpriced,
    });
    // An explicit provider is kept; the model is still unpriced.
    expect(await logModel(model, { provider: "acme" })).toMatchObject({ provider: "acme", ...unpriced });
  });

  test("total_tokens counts all five buckets", async () => {
    const row = await logModel("claude-haiku-4-5", {
      input_tokens: 1,
      cache_write_5m_tokens: 20,
      cache_write_1h_tokens: 300,
      cache_read_tokens: 4000,
      output_tokens: 50000,
    });
    expect(row.total_tokens).toBe("54321");
  });
});
