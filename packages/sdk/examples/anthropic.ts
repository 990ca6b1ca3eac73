import { AsyncLocalStorage } from "node:async_hooks";
import Anthropic from "@anthropic-ai/sdk";
import { createUsageRecorder, type UsageContextInput } from "@org/ai-usage-sdk";
import { trackAnthropic } from "@org/ai-usage-sdk/anthropic";
import { createPgSink } from "@org/ai-usage-sdk/pg";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
pool.on("error", (error) => console.error("idle postgres connection lost:", error.message));
const recorder = createUsageRecorder({ sink: createPgSink(pool) });

// Who is calling: your auth middleware puts it here once per request.
const requestContext = new AsyncLocalStorage<UsageContextInput>();

// Same client, same types: every messages.create / messages.stream is recorded.
const anthropic = trackAnthropic(new Anthropic(), { recorder, context: () => requestContext.getStore() });

const user = { userId: "3f1d5b9e-7a2c-4e8d-9b6f-1c0a2e4d6f88", userEmail: "grace@example.com" };
export const results = await requestContext.run({ ...user, requestType: "report" }, async () => {
  const message = await anthropic.messages.create({
    model: "claude-sonnet-4-20250514",
    max_tokens: 1024,
    messages: [{ role: "user", content: "Summarise last week's sales." }],
  });

  // Streaming: read it as usual; usage comes from message_start and the last message_delta.
  const stream = await anthropic.messages.create({
    model: "claude-sonnet-4-20250514",
    max_tokens: 1024,
    messages: [{ role: "user", content: "Draft the email." }],
    stream: true,
  });
  for await (const event of stream) {
    if (event.type === "content_block_delta" && event.delta.type === "text_delta")
      process.stdout.write(event.delta.text);
  }

  // The helper stream, attributed to the customer being helped (an admin impersonating is charged as the admin):
  const helped = anthropic.withUsageContext({ customerId: 42, customerName: "Acme" });
  const final = await helped.messages
    .stream({
      model: "claude-sonnet-4-20250514",
      max_tokens: 1024,
      messages: [{ role: "user", content: "Explain this invoice." }],
    })
    .finalMessage();

  return { message, final };
});

await recorder.close();
await pool.end();
