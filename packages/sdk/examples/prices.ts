import { explainModelPrice, repriceUsage, setModelAlias, setModelPrice } from "@org/ai-usage-sdk";
import { createPgTransport } from "@org/ai-usage-sdk/pg";
import pg from "pg";

// Admin work, server side: the table owner or the service role (an admin's session works too).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
pool.on("error", (error) => console.error("idle postgres connection lost:", error.message));
const admin = createPgTransport(pool);

// A fine-tuned model the catalog cannot know. Providers other than Anthropic must state their
// cache-read rate; cache writes default to the input rate.
export const entry = await setModelPrice(admin, {
  provider: "openai",
  modelMatch: "ft:gpt-4.1-mini-2025-04-14:acme::support-v3",
  effectiveFrom: "2026-01-01T00:00:00Z",
  inputPerMtok: 0.8,
  outputPerMtok: 3.2,
  cacheReadPerMtok: 0.2,
  source: "https://openai.com/api/pricing (fine-tuning)",
});
// No usage of it stored yet: the entry prices what comes; a warning says when it matches nothing.
if (entry.warning) console.warn(entry.warning);
if (entry.storedRows > 0) await repriceUsage(admin, { model: "ft:gpt-4.1-mini-2025-04-14:acme::support-v3" });

// An Azure deployment name is yours to choose: price it as the model it runs.
export const alias = await setModelAlias(admin, {
  alias: "prod-gpt4o-eu",
  model: "gpt-4o-2024-08-06",
  note: "Azure OpenAI, West Europe",
});

// Which catalog entry a Bedrock id of Claude is priced by at the Batch API's tier, and why.
export const explained = await explainModelPrice(admin, {
  model: "us.anthropic.claude-sonnet-4-20250514-v1:0",
  serviceTier: "batch",
});
console.log(explained.explanation);

await pool.end();
