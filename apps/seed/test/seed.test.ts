import { type GenerationOptions, generateEvents, generationOptionsSchema } from "@org/ai-usage-data";
import { seedDatabase, startOfDatabaseUtcDay } from "@org/ai-usage-data/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countUsageRows, type FreshDatabase, freshDatabase } from "./fresh-database.js";

let database: FreshDatabase;
let dataset: GenerationOptions;
beforeAll(async () => {
  database = await freshDatabase();
  // Ending today by the database's clock: any fixed day would one day be too old or too new for it.
  const end = await startOfDatabaseUtcDay(database.pool);
  dataset = { events: 2_500, days: 20, users: 30, customers: 8, seed: 3, end };
});
afterAll(() => database.close());

const countRows = () => countUsageRows(database.pool);

describe("seedDatabase", () => {
  it("writes every generated event through log_ai_usage_batch, exactly as generated", async () => {
    const result = await seedDatabase(database.pool, { ...dataset, batchSize: 400 });
    expect(result).toMatchObject({ events: 2_500, inserted: 2_500, duplicates: 0 });
    expect(await countRows()).toBe(2_500);

    const generated = [...generateEvents(generationOptionsSchema.parse(dataset))];
    const stored = await database.pool.query<{
      request_id: string;
      created_at: Date;
      input_tokens: number;
      cache_read_tokens: number;
      status: string;
      provider: string;
      priced: boolean;
    }>(
      `select request_id, created_at, input_tokens, cache_read_tokens, status, provider,
              total_cost_usd is not null as priced
       from ai_usage_log order by request_id`,
    );
    expect(stored.rows.map((row) => row.request_id)).toEqual(generated.map((event) => event.request_id));
    stored.rows.forEach((row, index) => {
      const event = generated[index]!;
      expect(row.created_at.toISOString()).toBe(event.created_at);
      expect([row.input_tokens, row.cache_read_tokens, row.status]).toEqual([
        event.input_tokens,
        event.cache_read_tokens,
        event.status,
      ]);
      // Only the deliberately unpriced model has no cost.
      expect(row.priced).toBe(event.model_used !== "mistral-large-2411");
    });
    expect(result.allTimeCostUsd).toBeGreaterThan(0);
  });

  it("adds nothing when run again with the same options (idempotent through request ids)", async () => {
    const again = await seedDatabase(database.pool, dataset);
    expect(again).toMatchObject({ events: 2_500, inserted: 0, duplicates: 2_500 });
    expect(await countRows()).toBe(2_500);
  });

  it("adds a second dataset for another seed, and keeps the summaries equal to the log", async () => {
    const other = await seedDatabase(database.pool, { ...dataset, seed: 4, events: 500 });
    expect(other).toMatchObject({ inserted: 500, duplicates: 0 });
    expect(await countRows()).toBe(3_000);
    const reconcile = await database.pool.query<{ result: { ok: boolean } }>(
      "select reconcile_ai_usage_summaries() as result",
    );
    expect(reconcile.rows[0]!.result.ok).toBe(true);
  });

  it("--reset deletes all usage and its summaries before seeding", async () => {
    const result = await seedDatabase(database.pool, { ...dataset, events: 300, reset: true });
    expect(result).toMatchObject({ inserted: 300, duplicates: 0 });
    expect(await countRows()).toBe(300);
    const summaries = await database.pool.query<{ requests: string }>(
      "select coalesce(sum(requests), 0) as requests from ai_usage_daily_by_model",
    );
    expect(Number(summaries.rows[0]!.requests)).toBe(300);
    const reconcile = await database.pool.query<{ result: { ok: boolean } }>(
      "select reconcile_ai_usage_summaries() as result",
    );
    expect(reconcile.rows[0]!.result.ok).toBe(true);
  });
});
