// @org/ai-usage-sdk/supabase: supabase-js transport and sink. Deno-safe: no `node:` imports, no pg.
import { createFunctionSink, type UsageSink } from "./database/function-sink.js";
import { createSupabaseTransport, type SupabaseRpcClient } from "./transports/supabase/supabase-transport.js";

export { createSupabaseTransport, type SupabaseRpcClient } from "./transports/supabase/supabase-transport.js";

/**
 * A recorder sink over supabase-js `rpc('log_ai_usage_batch')`. Use a service-role client
 * (`createClient(SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY)`): only the server may log usage for a user.
 */
export function createSupabaseSink(client: SupabaseRpcClient): UsageSink {
  return createFunctionSink(createSupabaseTransport(client));
}
