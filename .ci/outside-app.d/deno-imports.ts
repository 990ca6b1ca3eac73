// Deno, with npm: specifiers resolved from the app's node_modules ("nodeModulesDir": "manual"):
// every entry that the SDK says runs on Deno loads, and the recorder validates events.
import { createUsageRecorder } from "npm:@org/ai-usage-sdk";
import { trackAnthropic } from "npm:@org/ai-usage-sdk/anthropic";
import { createAccessTokenVerifier } from "npm:@org/ai-usage-sdk/auth";
import { trackOpenAI } from "npm:@org/ai-usage-sdk/openai";
import { createSupabaseSink } from "npm:@org/ai-usage-sdk/supabase";

for (const loaded of [trackAnthropic, createAccessTokenVerifier, trackOpenAI, createSupabaseSink]) {
  if (typeof loaded !== "function") throw new Error(`not a function: ${loaded}`);
}
// Validation runs in Deno too (zod, uuid): a non-UUID user id is refused at record().
const recorder = createUsageRecorder({ sink: { writeBatch: async () => [] } });
let refused = "";
try {
  recorder.record({
    userId: "user_42",
    modelUsed: "claude-sonnet-4-20250514",
    inputTokens: 1,
    outputTokens: 1,
  });
} catch (error) {
  refused = (error as Error).name;
}
await recorder.close();
if (refused !== "UsageUserIdError") throw new Error(`expected UsageUserIdError, got "${refused}"`);
console.log("deno: every Deno entry of the SDK imports from node_modules; record() validates");
