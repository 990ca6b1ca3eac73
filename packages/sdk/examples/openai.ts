import { createUsageRecorder } from "@org/ai-usage-sdk";
import { trackOpenAI } from "@org/ai-usage-sdk/openai";
import { createPgSink } from "@org/ai-usage-sdk/pg";
import OpenAI from "openai";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
pool.on("error", (error) => console.error("idle postgres connection lost:", error.message));
const recorder = createUsageRecorder({ sink: createPgSink(pool) });

// A fixed context, e.g. one tracked client per request or job:
const openai = trackOpenAI(new OpenAI(), {
  recorder,
  context: { userId: "c2a8e6f0-1d3b-4a5c-8e7f-9b0d2c4e6a13", requestType: "chat", sessionId: "conv-17" },
});

export const completion = await openai.chat.completions.create({
  model: "gpt-4o",
  messages: [{ role: "user", content: "Hello" }],
});

// Streaming: usage is requested for you (stream_options.include_usage) and its extra chunk is
// kept out of your loop unless you asked for it yourself.
const stream = await openai.chat.completions.create({
  model: "gpt-4o",
  messages: [{ role: "user", content: "Tell me a story" }],
  stream: true,
});
for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? "");

export const response = await openai.responses.create({ model: "gpt-4o", input: "One more thing" });

await recorder.close();
await pool.end();
