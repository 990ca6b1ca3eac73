import { createPrismaClient } from "@org/ai-usage-db/client";
import { createClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createUsageRecorder, UsageDeliveryError, type UsageError, type UsageSink } from "../../src/index.js";
import { createPrismaSink } from "../../src/prisma.js";
import { createSupabaseSink } from "../../src/supabase.js";
import { type PostgrestFixture, startPostgrestFixture } from "../fixtures/postgrest-fixture.js";
import { newUserId, useTestDatabase } from "../support/database.js";
import { JWT_SECRET, signJwt } from "../support/jwt.js";

/** The outage scenario of outage.test.ts, smaller, for the Prisma and supabase-js sinks. */
describe("a database outage while recording through Prisma and supabase-js", () => {
  const database = useTestDatabase({ ownServer: true });
  let prisma: ReturnType<typeof createPrismaClient>;
  let postgrest: PostgrestFixture;
  let serviceKey: string;

  beforeAll(async () => {
    prisma = createPrismaClient(database.url);
    postgrest = await startPostgrestFixture({ databaseUrl: database.url, jwtSecret: JWT_SECRET });
    serviceKey = await signJwt({ role: "service_role" });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await postgrest?.close();
  });

  const sinks: [string, () => UsageSink][] = [
    ["prisma", () => createPrismaSink(prisma)],
    [
      "supabase (PostgREST answers 503 while the database is down)",
      () => createSupabaseSink(createClient(postgrest.url, serviceKey, { auth: { persistSession: false } })),
    ],
  ];

  it.each(sinks)("%s: every event stored exactly once", async (_name, makeSink) => {
    const userId = newUserId();
    const errors: UsageError[] = [];
    const recorder = createUsageRecorder({
      sink: makeSink(),
      batchSize: 250,
      flushIntervalMs: 20,
      retry: { initialDelayMs: 50, maxDelayMs: 500 },
      onError: (error) => errors.push(error),
    });
    const event = { userId, modelUsed: "gpt-4o", provider: "openai", inputTokens: 10, outputTokens: 2 };
    const ids = Array.from({ length: 2000 }, () => recorder.record(event));
    await vi.waitFor(() => expect(recorder.stats.written).toBeGreaterThanOrEqual(250), {
      timeout: 60_000,
      interval: 5,
    });
    await database.server.stopServer();
    for (let i = 0; i < 500; i++) ids.push(recorder.record(event));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await database.server.startServer();

    const closed = await recorder.close({ timeoutMs: 90_000 });
    expect(closed.stats).toMatchObject({ accepted: 2500, written: 2500, dropped: 0 });
    expect(closed.stats.retried).toBeGreaterThan(0);
    // Nothing dropped; a slow restart may add outage reports, which are not losses.
    expect(errors.filter((error) => !(error instanceof UsageDeliveryError))).toEqual([]);
    const { rows } = await database.pool.query<{ request_id: string }>(
      "select request_id from public.ai_usage_log where user_id = $1",
      [userId],
    );
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((row) => row.request_id))).toEqual(new Set(ids));
  });
});
