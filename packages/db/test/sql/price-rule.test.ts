import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect } from "./helpers/database.js";
import { logBatch, logOne, uniqueTag, usageEvent } from "./helpers/events.js";

// The price rule (schema/functions/pricing/price-in-force.sql): aliases, host forms, families,
// service tiers and long-context entries, and what set_ai_model_price, reprice_ai_usage and
// explain_ai_model_price say about them. Every test prices its own made-up models, so the shipped
// catalog cannot decide an outcome.

let client: pg.Client;
const userId = randomUUID();
/** WARNINGs the database sent on this connection, newest last. */
const warnings: string[] = [];

beforeAll(async () => {
  client = await connect();
  client.on("notice", (notice) => {
    if (notice.severity === "WARNING") warnings.push(notice.message ?? "");
  });
});
afterAll(async () => {
  await client.end();
});

interface Price {
  provider?: string;
  model: string;
  input: number;
  output: number;
  cacheRead?: number | null;
  tier?: string;
  abovePromptTokens?: number;
  from?: string;
}

async function setPrice(
  price: Price,
): Promise<{ price_id: number; stored_rows: number; warning: string | null }> {
  const { rows } = await client.query(
    `SELECT set_ai_model_price(p_provider => $1, p_model_match => $2, p_effective_from => $3,
       p_input_per_mtok => $4, p_output_per_mtok => $5, p_cache_read_per_mtok => $6,
       p_service_tier => $7, p_above_prompt_tokens => $8) AS result`,
    [
      price.provider ?? "testco",
      price.model,
      price.from ?? "2024-01-01Z",
      price.input,
      price.output,
      price.cacheRead === undefined ? price.input / 10 : price.cacheRead,
      price.tier ?? "standard",
      price.abovePromptTokens ?? 0,
    ],
  );
  return rows[0].result;
}

/** Logs one request and returns how it was priced. */
async function logged(model: string, extra: Record<string, unknown> = {}) {
  const event = usageEvent(userId, {
    model_used: model,
    input_tokens: 1_000_000,
    output_tokens: 0,
    ...extra,
  });
  await logBatch(client, [event]);
  const { rows } = await client.query(
    `SELECT price_id, service_tier, input_price_per_mtok::float8 AS input_rate,
            output_price_per_mtok::float8 AS output_rate, cache_read_price_per_mtok::float8 AS read_rate,
            total_cost_usd::float8 AS cost
     FROM ai_usage_log WHERE request_id = $1`,
    [event.request_id],
  );
  return rows[0];
}

async function explain(model: string, args: { provider?: string; tier?: string; prompt?: number } = {}) {
  const { rows } = await client.query("SELECT explain_ai_model_price($1, $2, $3, $4) AS e", [
    model,
    args.provider ?? null,
    args.tier ?? "standard",
    args.prompt ?? 0,
  ]);
  return rows[0].e;
}

describe("matching a model id", () => {
  test("Bedrock, Vertex, gateway and Azure spellings price as the model they name", async () => {
    const family = `fam-${uniqueTag()}`;
    await setPrice({ model: family, input: 2, output: 4 });
    await setPrice({ model: `${family}-20250101`, input: 3, output: 6 });
    // Region + vendor prefix and version suffix (Bedrock): the dated id's own entry.
    expect(await logged(`us.anthropic.${family}-20250101-v2:0`)).toMatchObject({ input_rate: 3 });
    expect(await logged(`global.anthropic.${family}-20250101-v1:0`)).toMatchObject({ input_rate: 3 });
    // Vertex's @date form, with and without a version.
    expect(await logged(`${family}@20250101`)).toMatchObject({ input_rate: 3 });
    expect(await logged(`${family}-v2@20250101`)).toMatchObject({ input_rate: 3 });
    // A gateway prefix, a Gemini-style preview date, a version and -latest: the family.
    expect(await logged(`models/${family}-001`)).toMatchObject({ input_rate: 2 });
    expect(await logged(`${family}-preview-05-06`)).toMatchObject({ input_rate: 2 });
    expect(await logged(`${family}-preview-09-2025`)).toMatchObject({ input_rate: 2 });
    expect(await logged(`${family}-latest`)).toMatchObject({ input_rate: 2 });
    expect(await logged(`${family}-2411`)).toMatchObject({ input_rate: 2 });
    // Never a prefix match.
    expect(await logged(`${family}-mini`)).toMatchObject({ price_id: null, cost: null });
  });

  test("Azure's gpt-35 spelling is OpenAI's gpt-3.5", async () => {
    const tag = uniqueTag();
    await setPrice({
      provider: "openai",
      model: `gpt-3.5-turbo-${tag}`,
      input: 0.5,
      output: 1.5,
      cacheRead: 0.5,
    });
    expect(await logged(`gpt-35-turbo-${tag}`)).toMatchObject({ input_rate: 0.5 });
  });

  test("an alias an admin sets prices a deployment name as its model; chains are refused", async () => {
    const model = `fam-${uniqueTag()}-20250101`;
    const deployment = `prod-east-${uniqueTag()}`;
    await setPrice({ model, input: 5, output: 10 });
    expect(await logged(deployment)).toMatchObject({ price_id: null });

    warnings.length = 0;
    const { rows } = await client.query("SELECT set_ai_model_alias($1, $2, 'Azure deployment') AS r", [
      deployment,
      model,
    ]);
    expect(rows[0].r).toEqual({ alias: deployment, model, stored_rows: 1 });
    expect(warnings).toEqual([]);
    expect(await logged(deployment)).toMatchObject({ input_rate: 5 });
    // The row stored before the alias is priced by re-pricing the alias id.
    expect((await client.query("SELECT reprice_ai_usage($1) AS n", [deployment])).rows[0].n).toBe(1);

    const explained = await explain(deployment);
    expect(explained).toMatchObject({
      alias: { alias: deployment, model },
      matched: "the model id itself",
      price: { model_match: model, input_per_mtok: 5 },
    });
    expect(explained.explanation).toContain(`through alias ${deployment} -> ${model}`);

    await expect(
      client.query("SELECT set_ai_model_alias($1, $2)", [`x-${uniqueTag()}`, deployment]),
    ).rejects.toThrow(/is itself an alias/);
    await expect(client.query("SELECT set_ai_model_alias($1, $1)", [deployment])).rejects.toThrow(
      /must name another model id/,
    );
    expect((await client.query("SELECT delete_ai_model_alias($1) AS d", [deployment])).rows[0].d).toBe(true);
    expect((await client.query("SELECT delete_ai_model_alias($1) AS d", [deployment])).rows[0].d).toBe(false);
    expect(await logged(deployment)).toMatchObject({ price_id: null });
  });

  test("a host without entries of its own is priced at the vendor's; its own entries win", async () => {
    const model = `hosted-${uniqueTag()}`;
    await setPrice({ provider: "vendorco", model, input: 2, output: 4 });
    // The row keeps the provider it was logged with: reports group by host.
    const event = { provider: "hostco", output_tokens: 0 };
    expect(await logged(`us.anthropic.${model}-v1:0`, event)).toMatchObject({ input_rate: 2 });
    const { rows } = await client.query("SELECT DISTINCT provider FROM ai_usage_log WHERE model_used = $1", [
      `us.anthropic.${model}-v1:0`,
    ]);
    expect(rows).toEqual([{ provider: "hostco" }]);
    expect(await explain(model, { provider: "hostco" })).toMatchObject({ provider_fallback: true });
    expect((await explain(model, { provider: "hostco" })).explanation).toContain(
      "No hostco entry prices it, so vendorco's price applies.",
    );

    await setPrice({ provider: "hostco", model, input: 2.2, output: 4.4 });
    expect(await logged(model, event)).toMatchObject({ input_rate: 2.2 });
    expect(await logged(model, { provider: "vendorco" })).toMatchObject({ input_rate: 2 });
    expect(await explain(model, { provider: "hostco" })).toMatchObject({ provider_fallback: false });
  });

  test("explain names the candidates in rule order and the one that matched", async () => {
    const family = `fam-${uniqueTag()}`;
    await setPrice({ model: family, input: 2, output: 4 });
    const explained = await explain(`us.anthropic.${family}-20250101-v1:0`);
    expect(explained.candidates.map((c: { model_match: string }) => c.model_match)).toEqual([
      `us.anthropic.${family}-20250101-v1:0`,
      `${family}-20250101`,
      family,
    ]);
    expect(explained.matched).toMatch(/^the model family/);
    expect(explained.tier_fallback).toBe(false);

    const unknown = await explain(`nothing-${uniqueTag()}-20250101`);
    expect(unknown).toMatchObject({ price: null, matched: null });
    expect(unknown.explanation).toMatch(/is unpriced: no catalog entry for/);
  });
});

describe("service tiers and long context", () => {
  test("a batch request is priced at the batch entry; a tier without an entry at standard", async () => {
    const model = `tiered-${uniqueTag()}`;
    await setPrice({ model, input: 4, output: 8 });
    await setPrice({ model, input: 2, output: 4, tier: "batch" });
    expect(await logged(model, { service_tier: "batch", output_tokens: 1_000_000 })).toMatchObject({
      service_tier: "batch",
      input_rate: 2,
      cost: 6,
    });
    expect(await logged(model, { service_tier: "priority" })).toMatchObject({
      service_tier: "priority",
      input_rate: 4,
    });
    expect(await logged(model)).toMatchObject({ service_tier: "standard", input_rate: 4 });
    expect(await explain(model, { tier: "priority" })).toMatchObject({ tier_fallback: true });
    // log_ai_usage takes the tier as its last parameter.
    const id = await logOne(client, {
      user_id: userId,
      model_used: model,
      input_tokens: 1000,
      service_tier: "batch",
    });
    const { rows } = await client.query(
      "SELECT input_price_per_mtok::float8 AS r FROM ai_usage_log WHERE id = $1",
      [id],
    );
    expect(rows[0].r).toBe(2);
  });

  test("an unknown tier is refused with a clear message and nothing is written", async () => {
    const requestId = `req-${randomUUID()}`;
    await expect(
      logBatch(client, [usageEvent(userId, { request_id: requestId, service_tier: "Priority" })]),
    ).rejects.toThrow('service_tier must be one of standard, batch, flex, priority, fast (got "Priority")');
    const { rows } = await client.query("SELECT count(*)::int AS n FROM ai_usage_log WHERE request_id = $1", [
      requestId,
    ]);
    expect(rows[0].n).toBe(0);
  });

  test("a prompt above a long-context threshold prices the whole request at that entry", async () => {
    const model = `long-${uniqueTag()}`;
    await setPrice({ model, input: 3, output: 15, cacheRead: 0.3 });
    await setPrice({ model, input: 6, output: 22.5, cacheRead: 0.6, abovePromptTokens: 200_000 });
    // The prompt counts input, cache reads and cache writes: 100k + 100k = 200k is not above.
    expect(
      await logged(model, { input_tokens: 100_000, cache_read_tokens: 100_000, output_tokens: 1_000 }),
    ).toMatchObject({ input_rate: 3, read_rate: 0.3, output_rate: 15 });
    const long = await logged(model, {
      input_tokens: 100_000,
      cache_read_tokens: 100_000,
      cache_write_5m_tokens: 1,
      output_tokens: 1_000,
    });
    expect(long).toMatchObject({ input_rate: 6, read_rate: 0.6, output_rate: 22.5 });
    expect(long.cost).toBeCloseTo((100_000 * 6 + 100_000 * 0.6 + 1 * 6 + 1_000 * 22.5) / 1e6, 12);
    expect(await explain(model, { prompt: 250_000 })).toMatchObject({
      price: { above_prompt_tokens: 200_000 },
    });
  });
});

describe("set_ai_model_price and reprice_ai_usage say what they affect", () => {
  test("set_ai_model_price counts the stored rows it may price and warns at 0", async () => {
    const family = `mistral-large-${uniqueTag()}`;
    await logged(`${family}-2411`);
    await logged(`${family}-2411`);

    warnings.length = 0;
    expect(await setPrice({ model: family, input: 2, output: 6 })).toMatchObject({
      stored_rows: 2,
      warning: null,
    });
    expect(warnings).toEqual([]);
    expect((await client.query("SELECT reprice_ai_usage($1) AS n", [`${family}-2411`])).rows[0].n).toBe(2);

    const typo = await setPrice({ model: `${family}-typo`, input: 2, output: 6 });
    expect(typo.stored_rows).toBe(0);
    expect(typo.warning).toMatch(/no stored usage resolves to testco .*-typo/);
    expect(warnings).toEqual([expect.stringMatching(/^set_ai_model_price: no stored usage resolves/)]);
  });

  test("reprice_ai_usage warns when it changes nothing, and says why", async () => {
    const model = `quiet-${uniqueTag()}`;
    warnings.length = 0;
    expect((await client.query("SELECT reprice_ai_usage($1) AS n", [model])).rows[0].n).toBe(0);
    expect(warnings.pop()).toMatch(/no stored usage has model_used .* in this period/);

    await logged(model);
    expect((await client.query("SELECT reprice_ai_usage($1) AS n", [model])).rows[0].n).toBe(0);
    expect(warnings.pop()).toMatch(/1 stored rows of .*, but no catalog entry prices that id/);

    await setPrice({ model, input: 1, output: 1 });
    expect((await client.query("SELECT reprice_ai_usage($1) AS n", [model])).rows[0].n).toBe(1);
    expect((await client.query("SELECT reprice_ai_usage($1) AS n", [model])).rows[0].n).toBe(0);
    expect(warnings.pop()).toMatch(/already carry the rates/);
  });
});

describe("cache-rate defaults follow the provider", () => {
  async function ratesOf(provider: string, cacheRead: number | null) {
    const model = `defaults-${uniqueTag()}`;
    const { price_id } = await setPrice({ provider, model, input: 2, output: 8, cacheRead });
    const { rows } = await client.query(
      `SELECT cache_write_5m_per_mtok::float8 AS w5, cache_write_1h_per_mtok::float8 AS w1,
              cache_read_per_mtok::float8 AS r FROM ai_model_prices WHERE id = $1`,
      [price_id],
    );
    return rows[0];
  }

  test("Anthropic: its multipliers (1.25x, 2x, 0.1x)", async () => {
    expect(await ratesOf("anthropic", null)).toEqual({ w5: 2.5, w1: 4, r: 0.2 });
  });

  test.each(["openai", "google"])(
    "%s: cache reads must be stated; writes default to input",
    async (provider) => {
      await expect(ratesOf(provider, null)).rejects.toThrow(
        `p_cache_read_per_mtok is required for provider ${provider}`,
      );
      expect(await ratesOf(provider, 0.5)).toEqual({ w5: 2, w1: 2, r: 0.5 });
    },
  );

  test("another provider: no discount assumed", async () => {
    expect(await ratesOf("mistral", null)).toEqual({ w5: 2, w1: 2, r: 2 });
  });

  test("an unknown tier or a negative threshold is refused", async () => {
    await expect(setPrice({ model: `x-${uniqueTag()}`, input: 1, output: 1, tier: "turbo" })).rejects.toThrow(
      /p_service_tier must be one of standard, batch, flex, priority, fast/,
    );
    await expect(
      setPrice({ model: `x-${uniqueTag()}`, input: 1, output: 1, abovePromptTokens: -1 }),
    ).rejects.toThrow(/p_above_prompt_tokens must be 0/);
  });
});
