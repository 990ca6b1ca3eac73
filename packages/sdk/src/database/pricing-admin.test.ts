import { describe, expect, it } from "vitest";
import { SetModelPriceResultSchema } from "../schemas/admin.js";
import { ModelPriceExplanationSchema } from "../schemas/price-explanation.js";
import { ExplainModelPriceArgumentsSchema } from "./price-explanation.js";
import { ModelPriceSchema } from "./pricing-admin.js";

const price = {
  modelMatch: "gpt-5.4",
  effectiveFrom: "2026-03-01T00:00:00Z",
  inputPerMtok: 2.5,
  outputPerMtok: 15,
};

describe("ModelPriceSchema", () => {
  it("takes an anthropic price without cache rates (its multipliers apply)", () => {
    expect(ModelPriceSchema.safeParse({ ...price, provider: "anthropic" }).success).toBe(true);
  });

  it("asks any other provider for its cache-read rate, naming the field and why", () => {
    const parsed = ModelPriceSchema.safeParse({ ...price, provider: "openai" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({
        path: ["cacheReadPerMtok"],
        message: expect.stringMatching(/required for provider 'openai'.*differs by model/),
      }),
    ]);
    expect(ModelPriceSchema.safeParse({ ...price, provider: "openai", cacheReadPerMtok: 0.25 }).success).toBe(
      true,
    );
  });

  it("takes a tier and a long-context threshold, and refuses what the catalog cannot hold", () => {
    const batch = { ...price, provider: "openai", cacheReadPerMtok: 0.125, serviceTier: "batch" };
    expect(ModelPriceSchema.safeParse({ ...batch, abovePromptTokens: 272_000 }).success).toBe(true);
    expect(ModelPriceSchema.safeParse({ ...batch, serviceTier: "default" }).success).toBe(false);
    expect(ModelPriceSchema.safeParse({ ...batch, abovePromptTokens: -1 }).success).toBe(false);
    expect(ModelPriceSchema.safeParse({ ...batch, abovePromptTokens: 1.5 }).success).toBe(false);
  });
});

describe("the price functions' answers", () => {
  it("set_ai_model_price: id (exact, as a string), stored rows and the warning, in camelCase", () => {
    expect(
      SetModelPriceResultSchema.parse({ price_id: 42, stored_rows: 0, warning: "no stored rows match" }),
    ).toEqual({ priceId: "42", storedRows: 0, warning: "no stored rows match" });
  });

  it("explain_ai_model_price: the contract's JSON, an unpriced id included", () => {
    const explained = {
      model_used: "us.anthropic.claude-sonnet-4-20250514-v1:0",
      alias: null,
      candidates: [
        { model_match: "us.anthropic.claude-sonnet-4-20250514-v1:0", rule: "exact id" },
        { model_match: "claude-sonnet-4-20250514", rule: "host form removed" },
        { model_match: "claude-sonnet-4", rule: "family" },
      ],
      price: {
        id: 7,
        provider: "anthropic",
        model_match: "claude-sonnet-4",
        service_tier: "batch",
        above_prompt_tokens: 0,
        effective_from: "2025-05-14T00:00:00+00:00",
        effective_to: null,
        input_per_mtok: 1.5,
        output_per_mtok: 7.5,
        cache_write_5m_per_mtok: 1.875,
        cache_write_1h_per_mtok: 3,
        cache_read_per_mtok: 0.15,
        source: "litellm 2026-08-01",
      },
      matched: "family",
      tier_fallback: false,
      provider_fallback: false,
      explanation: "Priced by the batch entry of claude-sonnet-4 (family).",
    };
    expect(ModelPriceExplanationSchema.parse(explained).price?.id).toBe("7");
    expect(ModelPriceExplanationSchema.parse({ ...explained, price: null, matched: null }).price).toBeNull();
  });

  it("explainModelPrice's arguments: a tier word of the event, a prompt size, a moment", () => {
    expect(
      ExplainModelPriceArgumentsSchema.safeParse({
        model: "gpt-5.4",
        serviceTier: "flex",
        promptTokens: 300_000,
      }).success,
    ).toBe(true);
    expect(
      ExplainModelPriceArgumentsSchema.safeParse({ model: "gpt-5.4", serviceTier: "auto" }).success,
    ).toBe(false);
  });
});
