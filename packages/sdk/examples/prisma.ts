import { createPrismaClient } from "@org/ai-usage-db/client";
import { createUsageRecorder, getCostSummary, reconcileSummaries } from "@org/ai-usage-sdk";
import { createPrismaSink, createPrismaTransport } from "@org/ai-usage-sdk/prisma";

const prisma = createPrismaClient(process.env.DATABASE_URL!);

const recorder = createUsageRecorder({ sink: createPrismaSink(prisma) });
recorder.record({
  userId: "0b7e2a40-8c3d-4f51-b6a2-3f9d7c1e5a20",
  modelUsed: "gpt-4o-2024-08-06",
  provider: "openai",
  inputTokens: 200,
  cacheReadTokens: 1000,
  outputTokens: 300,
});
await recorder.close({ timeoutMs: 30_000 }); // on shutdown, wait up to 30 s for the buffer

const transport = createPrismaTransport(prisma);
export const costs = await getCostSummary(transport);
console.log(`today: $${costs.today}, this month: $${costs.this_month} (${costs.time_zone})`);
export const reconciled = await reconcileSummaries(transport);
console.log("summaries match the log:", reconciled.ok);

await prisma.$disconnect();
