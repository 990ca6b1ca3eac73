import { createUsageRecorder, getUsageDashboard } from "@org/ai-usage-sdk";
import { createSupabaseSink, createSupabaseTransport } from "@org/ai-usage-sdk/supabase";
import { createClient } from "@supabase/supabase-js";

// Logging usage is a server act: use the service role key (never ship it to a browser).
const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, {
  auth: { persistSession: false },
});

const recorder = createUsageRecorder({ sink: createSupabaseSink(supabase) });
recorder.record({
  userId: "9a4c1e77-3b2d-4c6f-8e1a-5d7b9f0c2e44",
  modelUsed: "claude-haiku-4-5",
  provider: "anthropic",
  inputTokens: 900,
  outputTokens: 120,
  requestType: "widget",
});
// In an Edge Function, let the response go first: EdgeRuntime.waitUntil(recorder.flush())
// Elsewhere, await it before returning: it waits at most timeoutMs, even while the database is down.
export const flushed = await recorder.flush({ timeoutMs: 3000 });
if (!flushed.drained) console.warn(`${flushed.pending} usage events not written yet`, flushed.failure);

// Reports through PostgREST: as the server here; a client carrying an admin's session works too.
export const dashboard = await getUsageDashboard(createSupabaseTransport(supabase), { days: 7 });
console.log(dashboard.by_request_type);

await recorder.close();
