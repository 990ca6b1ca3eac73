import { describe, expect, it } from "vitest";
import { formatRate } from "../decimal/rate-micros.js";
import { parsePriceFileText } from "../litellm/read-price-file.js";
import { buildCatalog } from "./build-catalog.js";
import type { CatalogRow } from "./catalog-row.js";

const LABEL = "LiteLLM model_prices_and_context_window.json 2026-08-01";

function catalogOf(entries: Record<string, string>) {
  const text = `{${Object.entries(entries)
    .map(([key, body]) => `${JSON.stringify(key)}: {${body}}`)
    .join(",")}}`;
  return buildCatalog(parsePriceFileText(text, "test.json"), LABEL);
}

/** "input output cacheWrite5m cacheWrite1h cacheRead" of one row, per million tokens. */
function ratesOf(row: CatalogRow | undefined): string {
  if (!row) return "(no row)";
  const { input, output, cacheWrite5m, cacheWrite1h, cacheRead } = row.rates;
  return [input, output, cacheWrite5m, cacheWrite1h, cacheRead].map(formatRate).join(" ");
}

function rowOf(rows: CatalogRow[], modelMatch: string, serviceTier = "standard", abovePromptTokens = 0) {
  return rows.find(
    (row) =>
      row.modelMatch === modelMatch &&
      row.serviceTier === serviceTier &&
      row.abovePromptTokens === abovePromptTokens,
  );
}

const anthropic = (rates: string) => `"litellm_provider": "anthropic", "mode": "chat", ${rates}`;
const openai = (rates: string, mode = "chat") => `"litellm_provider": "openai", "mode": "${mode}", ${rates}`;
const gemini = (rates: string) => `"litellm_provider": "gemini", "mode": "chat", ${rates}`;

describe("which entries become rows", () => {
  it("maps providers and strips the gemini/ prefix", () => {
    const { rows } = catalogOf({
      "claude-x": anthropic('"input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05'),
      "gpt-x": openai('"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06', "responses"),
      "gemini/gemini-x": gemini('"input_cost_per_token": 1e-07, "output_cost_per_token": 4e-07'),
    });
    expect(rowOf(rows, "claude-x")?.provider).toBe("anthropic");
    expect(rowOf(rows, "gpt-x")?.provider).toBe("openai");
    expect(rowOf(rows, "gemini-x")?.provider).toBe("google");
    expect(rowOf(rows, "gemini-x")?.fromKey).toBe("gemini/gemini-x");
  });

  it("skips fine-tuned ids, other modes, entries without token costs and other providers, with reasons", () => {
    const { rows, skipped } = catalogOf({
      "ft:gpt-4o": openai('"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06'),
      "dall-e": `"litellm_provider": "openai", "mode": "image_generation", "input_cost_per_pixel": 1e-08`,
      "gpt-realtime": openai('"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06', "realtime"),
      "openai/container": openai('"code_interpreter_cost_per_session": 0.03'),
      "mistral-large": `"litellm_provider": "mistral", "mode": "chat", "input_cost_per_token": 2e-06`,
    });
    expect(rows).toEqual([]);
    expect(skipped).toEqual([
      { key: "ft:gpt-4o", reason: "fine-tuned (ft:): fine-tuned model ids never match it exactly" },
      { key: "dall-e", reason: "mode image_generation: only chat and responses models are priced per token" },
      { key: "gpt-realtime", reason: "mode realtime: only chat and responses models are priced per token" },
      { key: "openai/container", reason: "no input/output token cost" },
      { key: "mistral-large", reason: "provider mistral is not one the catalog maps" },
    ]);
  });

  it("lets gemini/gemini-x win over gemini-x and lists the conflict", () => {
    const { rows, duplicates } = catalogOf({
      "gemini-x": gemini(
        '"input_cost_per_token": 3e-07, "output_cost_per_token": 2.5e-06, "cache_read_input_token_cost": 3e-08',
      ),
      "gemini/gemini-x": gemini(
        '"input_cost_per_token": 3e-07, "output_cost_per_token": 2.5e-06, "cache_read_input_token_cost": 7.5e-08',
      ),
    });
    expect(ratesOf(rowOf(rows, "gemini-x"))).toBe("0.3 2.5 0.3 0.3 0.075");
    expect(duplicates).toEqual([
      {
        modelMatch: "gemini-x",
        winner: "gemini/gemini-x",
        loser: "gemini-x",
        conflicts: [
          "standard/0 cacheRead: 0.075 (gemini/gemini-x) vs 0.03 (gemini-x)",
          "batch/0 cacheRead: 0.0375 (gemini/gemini-x) vs 0.015 (gemini-x)",
        ],
      },
    ]);
  });
});

describe("standard rates", () => {
  it("converts per-token rates exactly and fails loudly beyond numeric(12,6)", () => {
    const { rows } = catalogOf({
      "gemini/gemini-lite": gemini(
        '"input_cost_per_token": 7.5e-08, "output_cost_per_token": 3e-07, "cache_read_input_token_cost": 1.875e-08',
      ),
    });
    expect(ratesOf(rowOf(rows, "gemini-lite"))).toBe("0.075 0.3 0.075 0.075 0.01875");
    expect(() =>
      catalogOf({
        "gpt-odd": openai('"input_cost_per_token": 1.2345678e-07, "output_cost_per_token": 1e-06'),
      }),
    ).toThrow(/"gpt-odd".input_cost_per_token: .*numeric\(12,6\)/);
  });

  it("fills Anthropic's missing cache rates with 1.25x, 2x and 0.1x input", () => {
    const { rows, notes } = catalogOf({
      "claude-x": anthropic('"input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05'),
    });
    const row = rowOf(rows, "claude-x");
    expect(ratesOf(row)).toBe("3 15 3.75 6 0.3");
    expect(row?.source).toBe(
      `${LABEL} (derived: cache read = 0.1x input; cache write 5m = 1.25x input; cache write 1h = 2x input)`,
    );
    expect(notes).toEqual([]);
  });

  it("corrects Anthropic's 1h write to 2x input where the table says otherwise, and reports it", () => {
    const { rows, notes } = catalogOf({
      "claude-3-haiku-20240307": anthropic(
        '"cache_creation_input_token_cost": 3e-07, "cache_creation_input_token_cost_above_1hr": 6e-06, ' +
          '"cache_read_input_token_cost": 3e-08, "input_cost_per_token": 2.5e-07, "output_cost_per_token": 1.25e-06',
      ),
    });
    // The table's 5m rate (0.30, Anthropic's published Haiku 3 price) is kept; only 1h is corrected.
    expect(ratesOf(rowOf(rows, "claude-3-haiku-20240307"))).toBe("0.25 1.25 0.3 0.5 0.03");
    expect(notes).toEqual([
      {
        key: "claude-3-haiku-20240307",
        kind: "correction",
        text: "cache write 1h: table 6 contradicts Anthropic's 2x input; 0.5 used",
      },
    ]);
  });

  it("prices OpenAI and Gemini cache reads as input when the table has no discount, and lists them", () => {
    const { rows, notes } = catalogOf({
      "gpt-4": openai('"input_cost_per_token": 3e-05, "output_cost_per_token": 6e-05'),
      "gemini/gemma": gemini('"input_cost_per_token": 1e-07, "output_cost_per_token": 2e-07'),
    });
    expect(ratesOf(rowOf(rows, "gpt-4"))).toBe("30 60 30 30 30");
    expect(ratesOf(rowOf(rows, "gemma"))).toBe("0.1 0.2 0.1 0.1 0.1");
    expect(notes.map((note) => [note.key, note.kind])).toEqual([
      ["gpt-4", "no-cache-read-discount"],
      ["gemini/gemma", "no-cache-read-discount"],
    ]);
  });

  it("bills OpenAI cache writes only where the table gives them (gpt-5.6), and never for Gemini", () => {
    const { rows } = catalogOf({
      "gpt-5.6": openai(
        '"input_cost_per_token": 5e-06, "output_cost_per_token": 3e-05, "cache_read_input_token_cost": 5e-07, ' +
          '"cache_creation_input_token_cost": 6.25e-06',
      ),
      "gemini/gemini-y": gemini(
        '"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06, "cache_read_input_token_cost": 1e-07, ' +
          '"cache_creation_input_token_cost": 5e-06',
      ),
    });
    expect(ratesOf(rowOf(rows, "gpt-5.6"))).toBe("5 30 6.25 6.25 0.5");
    expect(ratesOf(rowOf(rows, "gemini-y"))).toBe("1 2 1 1 0.1");
  });
});

describe("tiers", () => {
  const gpt54 =
    '"input_cost_per_token": 2.5e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 2.5e-07, ' +
    '"input_cost_per_token_priority": 5e-06, "output_cost_per_token_priority": 3e-05, ' +
    '"input_cost_per_token_flex": 1.25e-06, "cache_read_input_token_cost_flex": 1.3e-07, ' +
    '"input_cost_per_token_batches": 1.25e-06, "output_cost_per_token_batches": 7.5e-06, ' +
    '"input_cost_per_token_above_272k_tokens": 5e-06, "output_cost_per_token_above_272k_tokens": 2.25e-05, ' +
    '"cache_read_input_token_cost_above_272k_tokens": 5e-07';

  it("makes a row per tier the table gives, scaling its missing buckets by the input ratio", () => {
    const { rows } = catalogOf({ "gpt-5.4": openai(gpt54) });
    expect(ratesOf(rowOf(rows, "gpt-5.4", "priority"))).toBe("5 30 5 5 0.5");
    expect(rowOf(rows, "gpt-5.4", "priority")?.source).toBe(
      `${LABEL} (derived: cache read = standard x 5/2.5)`,
    );
    expect(ratesOf(rowOf(rows, "gpt-5.4", "flex"))).toBe("1.25 7.5 1.25 1.25 0.13");
    expect(ratesOf(rowOf(rows, "gpt-5.4", "batch"))).toBe("1.25 7.5 1.25 1.25 0.125");
  });

  it("reports a tier whose input is far from the standard one, and uses it as given", () => {
    const { rows, notes } = catalogOf({
      "gpt-5-nano": openai(
        '"input_cost_per_token": 5e-08, "output_cost_per_token": 4e-07, "input_cost_per_token_priority": 2.5e-06',
      ),
    });
    expect(ratesOf(rowOf(rows, "gpt-5-nano", "priority"))).toBe("2.5 20 2.5 2.5 2.5");
    expect(notes.filter((note) => note.kind === "unusual-tier")).toEqual([
      {
        key: "gpt-5-nano",
        kind: "unusual-tier",
        text: "priority input 2.5 vs standard 0.05: used as given, check the table",
      },
    ]);
  });

  it("derives a 50% batch row when the table has none", () => {
    const { rows } = catalogOf({
      "claude-x": anthropic('"input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05'),
    });
    const batch = rowOf(rows, "claude-x", "batch");
    expect(ratesOf(batch)).toBe("1.5 7.5 1.875 3 0.15");
    expect(batch?.source).toBe(`${LABEL} (derived: Batch API = 50% of every standard rate)`);
    expect(rowOf(rows, "claude-x", "priority")).toBeUndefined();
  });

  it("makes long-context rows, scaling missing buckets, and tier rows above the threshold too", () => {
    const { rows } = catalogOf({ "gpt-5.4": openai(gpt54) });
    expect(ratesOf(rowOf(rows, "gpt-5.4", "standard", 272_000))).toBe("5 22.5 5 5 0.5");
    expect(ratesOf(rowOf(rows, "gpt-5.4", "priority", 272_000))).toBe("10 45 10 10 1");
    expect(ratesOf(rowOf(rows, "gpt-5.4", "batch", 272_000))).toBe("2.5 11.25 2.5 2.5 0.25");
    expect(rows.filter((row) => row.modelMatch === "gpt-5.4").length).toBe(8);
  });

  it("takes the 1h rate of a long-context row from cache_creation_input_token_cost_above_1hr_above_200k_tokens", () => {
    const { rows } = catalogOf({
      "claude-sonnet-4-5": anthropic(
        '"cache_creation_input_token_cost": 3.75e-06, "cache_creation_input_token_cost_above_1hr": 6e-06, ' +
          '"cache_creation_input_token_cost_above_1hr_above_200k_tokens": 1.2e-05, ' +
          '"cache_read_input_token_cost": 3e-07, "input_cost_per_token": 3e-06, ' +
          '"input_cost_per_token_above_200k_tokens": 6e-06, "output_cost_per_token_above_200k_tokens": 2.25e-05, ' +
          '"cache_creation_input_token_cost_above_200k_tokens": 7.5e-06, ' +
          '"cache_read_input_token_cost_above_200k_tokens": 6e-07, "output_cost_per_token": 1.5e-05',
      ),
    });
    expect(ratesOf(rowOf(rows, "claude-sonnet-4-5", "standard", 200_000))).toBe("6 22.5 7.5 12 0.6");
    expect(rowOf(rows, "claude-sonnet-4-5", "standard", 200_000)?.source).toBe(LABEL);
  });

  it("sorts rows deterministically", () => {
    const { rows } = catalogOf({
      "gpt-b": openai('"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06'),
      "gpt-5.4": openai(gpt54),
    });
    expect(
      rows.map((row) => `${row.modelMatch} ${row.serviceTier} ${row.abovePromptTokens}`).slice(0, 3),
    ).toEqual(["gpt-5.4 standard 0", "gpt-5.4 standard 272000", "gpt-5.4 batch 0"]);
  });
});

describe("dated ids and their family", () => {
  const family =
    '"input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 1.25e-06';
  const priority = '"input_cost_per_token_priority": 4.25e-06, "output_cost_per_token_priority": 1.7e-05';

  it("a dated id with its family's standard rates takes the family's tier rows it lacks", () => {
    const { rows } = catalogOf({
      "gpt-q": openai(`${family}, ${priority}`),
      "gpt-q-2024-08-06": openai(family),
    });
    expect(ratesOf(rowOf(rows, "gpt-q-2024-08-06", "priority"))).toBe(
      ratesOf(rowOf(rows, "gpt-q", "priority")),
    );
    expect(rowOf(rows, "gpt-q-2024-08-06", "priority")?.source).toContain("inherited from gpt-q");
  });

  it("a dated id priced differently is another model and inherits nothing", () => {
    const { rows } = catalogOf({
      "gpt-q": openai(`${family}, ${priority}`),
      "gpt-q-2024-05-13": openai(
        '"input_cost_per_token": 5e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 5e-06',
      ),
    });
    expect(rowOf(rows, "gpt-q-2024-05-13", "priority")).toBeUndefined();
  });
});
