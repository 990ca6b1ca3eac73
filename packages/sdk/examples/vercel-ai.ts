import { anthropic } from "@ai-sdk/anthropic";
import { openai } from "@ai-sdk/openai";
import { createUsageRecorder } from "@org/ai-usage-sdk";
import { createPgSink } from "@org/ai-usage-sdk/pg";
import { usageMiddleware } from "@org/ai-usage-sdk/vercel-ai";
import { generateText, streamText, wrapLanguageModel } from "ai";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
pool.on("error", (error) => console.error("idle postgres connection lost:", error.message));
const recorder = createUsageRecorder({ sink: createPgSink(pool) });

// One middleware for every model: each call generateText, streamText, generateObject (...) make through
// a wrapped model is recorded, with the provider's response id.
const middleware = usageMiddleware({
  recorder,
  context: { userId: "8d3f5a7c-2e4b-4c6d-8f1a-3b5d7f9e1c24", requestType: "assistant" },
});
const claude = wrapLanguageModel({ model: anthropic("claude-sonnet-4-20250514"), middleware });
const gpt = wrapLanguageModel({ model: openai("gpt-4o"), middleware });

export const { text } = await generateText({ model: claude, prompt: "Summarise last week's sales." });

// Streams are recorded when they finish (or fail, or are aborted).
const story = streamText({ model: gpt, prompt: "Tell me a story" });
for await (const part of story.textStream) process.stdout.write(part);

await recorder.close();
await pool.end();
