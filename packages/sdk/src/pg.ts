// @org/ai-usage-sdk/pg: node-postgres transport and sink (Node only; pg is an optional peer).
import { createFunctionSink, type UsageSink } from "./database/function-sink.js";
import { createPgTransport, type PgPool, type PgTransportOptions } from "./transports/pg/pg-transport.js";

export type { PostgrestIdentity } from "./database/identity.js";
export { createPgTransport, type PgPool, type PgTransportOptions } from "./transports/pg/pg-transport.js";

/**
 * A recorder sink over a node-postgres Pool, writing through `log_ai_usage_batch`. Connect as a
 * role that may log usage for any user (the table owner, or `identity: { role: 'service_role' }`).
 * Give the pool an `error` listener: node-postgres emits one when an idle connection drops.
 */
export function createPgSink(pool: PgPool, options: PgTransportOptions = {}): UsageSink {
  return createFunctionSink(createPgTransport(pool, options));
}
