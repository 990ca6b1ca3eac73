import Anthropic from "@anthropic-ai/sdk";
import { createUsageRecorder } from "@org/ai-usage-sdk";
import { recordAnthropicBatchResults } from "@org/ai-usage-sdk/anthropic";
import { createPgSink } from "@org/ai-usage-sdk/pg";
import pg from "pg";

// A job run after a Message Batch was created (say every 10 minutes, until the batch has ended).
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
pool.on("error", (error) => console.error("idle postgres connection lost:", error.message));
const recorder = createUsageRecorder({
  sink: createPgSink(pool),
  onError: (error) => console.error(error.name, error.message),
});

const batchId = process.env.ANTHROPIC_BATCH_ID ?? "msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d";

// The app chose each request's custom_id when it created the batch: here "<user id>:<report>".
export const summary = await recordAnthropicBatchResults(new Anthropic(), batchId, {
  recorder,
  attribute: (customId) => {
    const [userId, report] = customId.split(":");
    return userId ? { userId, requestType: "batch-report", sessionId: report } : undefined;
  },
});
if (summary.processingStatus !== "ended") console.log(`${batchId} is ${summary.processingStatus}; try later`);
for (const { customId, error } of summary.refused) console.error(customId, error.message);

// Running it again records nothing twice: each result's message id is stored once.
await recorder.close();
await pool.end();
