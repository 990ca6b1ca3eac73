// @org/ai-usage-sdk/prisma: Prisma Client transport and sink (Prisma is the caller's dependency).
import { createFunctionSink, type UsageSink } from "./database/function-sink.js";
import { createPrismaTransport, type PrismaRawClient } from "./transports/prisma/prisma-transport.js";

export { createPrismaTransport, type PrismaRawClient } from "./transports/prisma/prisma-transport.js";

/** A recorder sink over a Prisma Client, writing through `log_ai_usage_batch` as the connecting role. */
export function createPrismaSink(client: PrismaRawClient): UsageSink {
  return createFunctionSink(createPrismaTransport(client));
}
