import { GoogleGenAI } from "@google/genai";
import { createUsageRecorder } from "@org/ai-usage-sdk";
import { trackGemini } from "@org/ai-usage-sdk/gemini";
import { createPgSink } from "@org/ai-usage-sdk/pg";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
pool.on("error", (error) => console.error("idle postgres connection lost:", error.message));
const recorder = createUsageRecorder({ sink: createPgSink(pool) });

// The client reads GEMINI_API_KEY; every models.generateContent(Stream) and chat message is recorded.
const ai = trackGemini(new GoogleGenAI({}), {
  recorder,
  context: { userId: "6b2e4c8a-1f3d-4e5b-9a7c-2d4f6e8a0b13", requestType: "summary" },
});

// Thinking tokens are stored as output; tokens read from a context cache as cache reads.
export const answer = await ai.models.generateContent({
  model: "gemini-2.5-flash",
  contents: "Summarise last week's support tickets.",
  config: { thinkingConfig: { thinkingBudget: 1024 } },
});

// Streaming: read it as usual; the usage is the last chunk's running total.
const stream = await ai.models.generateContentStream({
  model: "gemini-2.5-flash",
  contents: "Draft the reply.",
});
for await (const chunk of stream) process.stdout.write(chunk.text ?? "");

await recorder.close();
await pool.end();
