import { describe, expect, it } from "vitest";
import { PriceFileError, parsePriceFileText } from "./read-price-file.js";

describe("parsePriceFileText", () => {
  it("names the entry and the field of an invalid rate", () => {
    const text = '{"gpt-x": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": "0.1"}}';
    expect(() => parsePriceFileText(text, "prices.json")).toThrow(PriceFileError);
    expect(() => parsePriceFileText(text, "prices.json")).toThrow(
      /prices.json has invalid entries:\n {2}"gpt-x".input_cost_per_token: expected a number, not a string/,
    );
  });

  it("rejects what is not JSON or not an object of entries", () => {
    expect(() => parsePriceFileText("{", "prices.json")).toThrow(/prices.json is not valid JSON/);
    expect(() => parsePriceFileText("[1]", "prices.json")).toThrow(/not a LiteLLM price file/);
  });

  it("does not validate entries of providers the catalog does not map", () => {
    const text = '{"m": {"litellm_provider": "mistral", "input_cost_per_token": "odd"}}';
    expect(parsePriceFileText(text, "prices.json")).toEqual([
      { key: "m", entry: { litellm_provider: "mistral" } },
    ]);
  });
});
