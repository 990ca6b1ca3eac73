// @org/ai-usage-sdk/prisma: Prisma Client transport and sink (Prisma is the caller's dependency).
import { createFunctionSink, type UsageSink } from "./database/function-sink.js";
import {
  createPrismaTransport,
  type PrismaRawClient,
  type PrismaTransportOptions,
} from "./transports/prisma/prisma-transport.js";

export type { PostgrestIdentity } from "./database/identity.js";
export {
  createPrismaTransport,
  type PrismaRawClient,
  type PrismaTransportOptions,
} from "./transports/prisma/prisma-transport.js";

/** A recorder sink over a Prisma Client, writing through `log_ai_usage_batch` (as the connecting role by default). */
export function createPrismaSink(client: PrismaRawClient, options: PrismaTransportOptions = {}): UsageSink {
  return createFunctionSink(createPrismaTransport(client, options));
}
