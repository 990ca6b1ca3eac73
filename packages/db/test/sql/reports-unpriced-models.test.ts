import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect } from "./helpers/database.js";
import { logBatch, uniqueTag } from "./helpers/events.js";
import { addDays, localTimestamps, reportingToday } from "./helpers/local-days.js";

// A model that gets its first price in the middle of a day has, on that day, unpriced requests
// (before the price) and priced ones (after), in the same summary row when the caller names the
// provider (as the SDK's provider helpers do). unpriced_models must describe the unpriced requests
// only: their count, their tokens and the time of the latest of them.

type Json = Record<string, unknown>;
const model = `half-priced-${uniqueTag()}`;
const userId = randomUUID();
let client: pg.Client;
let unpricedAt: string;

beforeAll(async () => {
  client = await connect();
  // A day ten days back in the reporting zone: well inside a 30-day window on any date (a fixed
  // date would leave a fixed window some year).
  const day = addDays(await reportingToday(client), -10);
  const [morning, noon, evening] = await localTimestamps(client, [
    [day, 6 * 60],
    [day, 12 * 60],
    [day, 18 * 60],
  ]);
  unpricedAt = morning!;
  await client.query("SELECT set_ai_model_price('acme', $1, $2, 1, 1)", [model, noon]);
  const event = (createdAt: string, inputTokens: number) => ({
    user_id: userId,
    provider: "acme",
    model_used: model,
    created_at: createdAt,
    input_tokens: inputTokens,
    output_tokens: 0,
  });
  await logBatch(client, [event(unpricedAt, 100), event(evening!, 5000)]);
});
afterAll(async () => {
  await client.end();
});

async function dashboardEntries(key: "by_model" | "unpriced_models"): Promise<Json[]> {
  const { rows } = await client.query("SELECT get_ai_usage_dashboard(30) -> $1 AS list", [key]);
  return (rows[0].list as Json[]).filter((entry) => entry.model_used === model);
}

describe("unpriced_models with a model priced from the middle of a day", () => {
  test("by_model counts both requests, one of them unpriced", async () => {
    expect(await dashboardEntries("by_model")).toEqual([
      expect.objectContaining({
        provider: "acme",
        requests: 2,
        unpriced_requests: 1,
        total_tokens: 5100,
        cost: 0.005,
      }),
    ]);
  });

  test("unpriced_models reports the unpriced request's tokens and time, not the priced one's", async () => {
    const entries = await dashboardEntries("unpriced_models");
    expect(
      entries.map((entry) => ({ ...entry, last_request: Date.parse(entry.last_request as string) })),
    ).toEqual([
      {
        provider: "acme",
        model_used: model,
        requests: 1,
        total_tokens: 100,
        last_request: Date.parse(unpricedAt),
      },
    ]);
  });
});
