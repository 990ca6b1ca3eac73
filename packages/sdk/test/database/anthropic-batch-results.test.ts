import { randomUUID } from "node:crypto";
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAnthropicBatchResults } from "../../src/anthropic.js";
import type { UsageContextInput, UsageRecorder } from "../../src/index.js";
import {
  type AnthropicBatchFixture,
  startAnthropicBatchFixture,
} from "../fixtures/anthropic-batch-fixture.js";
import { newUserId, useTestDatabase } from "../support/database.js";
import { pgRecorder } from "../support/recording.js";
import { standardPrice, storedPricing, tierPrice } from "../support/tier-prices.js";

const MODEL = "claude-sonnet-4-20250514";

/** A succeeded result line as the results file has it (usage says tier batch, as the API does). */
function succeeded(customId: string, messageId: string, usage: Record<string, number>) {
  return {
    custom_id: customId,
    result: {
      type: "succeeded",
      message: {
        id: messageId,
        type: "message",
        role: "assistant",
        model: MODEL,
        content: [{ type: "text", text: "Done" }],
        stop_reason: "end_turn",
        stop_sequence: null,
        usage: {
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          cache_creation: null,
          service_tier: "batch",
          ...usage,
        },
      },
    },
  };
}

describe("recordAnthropicBatchResults (official client against a local Message Batches API)", () => {
  const database = useTestDatabase();
  let fixture: AnthropicBatchFixture;
  let client: Anthropic;
  let recorder: UsageRecorder;
  let endedAt: string;

  beforeAll(async () => {
    fixture = await startAnthropicBatchFixture();
    client = new Anthropic({ apiKey: "test-key", baseURL: fixture.url, maxRetries: 0 });
    ({ recorder } = pgRecorder(database));
    // The batch's times come from the database's clock, not this machine's calendar.
    const { rows } = await database.pool.query<{ ended: string }>(
      "select to_char((now() - interval '10 minutes') at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') as ended",
    );
    endedAt = rows[0]!.ended;
  });
  afterAll(async () => {
    await recorder?.close();
    await fixture?.close();
  });

  it("records each succeeded result at the batch rate, once, however often it runs", async () => {
    // Anthropic's Batch API halves input and output (docs/pricing facts); the catalog's batch entry.
    const batchPrice = await tierPrice(database.pool, MODEL, "batch", {
      provider: "anthropic",
      effectiveFrom: "2025-05-14T00:00:00Z",
      inputPerMtok: 1.5,
      outputPerMtok: 7.5,
    });
    const standard = await standardPrice(database.pool, MODEL, "anthropic");
    expect(batchPrice.input_per_mtok).toBeCloseTo(standard.input_per_mtok / 2, 6);
    expect(batchPrice.output_per_mtok).toBeCloseTo(standard.output_per_mtok / 2, 6);

    const batchId = `msgbatch_${randomUUID()}`;
    const users = { "report-1": newUserId(), "report-2": newUserId() } as Record<string, string>;
    const ids = [`msg_${randomUUID()}`, `msg_${randomUUID()}`, `msg_${randomUUID()}`];
    fixture.putBatch({
      id: batchId,
      processingStatus: "ended",
      createdAt: endedAt,
      endedAt,
      results: [
        succeeded("report-1", ids[0]!, {
          input_tokens: 1000,
          output_tokens: 400,
          cache_read_input_tokens: 2000,
        }),
        {
          custom_id: "report-3",
          result: {
            type: "errored",
            error: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
          },
        },
        succeeded("report-2", ids[1]!, { input_tokens: 300, output_tokens: 50 }),
        { custom_id: "report-4", result: { type: "canceled" } },
        { custom_id: "report-5", result: { type: "expired" } },
        succeeded("someone-else", ids[2]!, { input_tokens: 5, output_tokens: 5 }),
      ],
    });
    const attribute = (customId: string): UsageContextInput | undefined =>
      users[customId] ? { userId: users[customId], requestType: "batch-report" } : undefined;

    const expected = {
      batchId,
      processingStatus: "ended",
      recorded: 2,
      errored: 1,
      canceled: 1,
      expired: 1,
      unattributed: ["someone-else"],
      refused: [],
    };
    expect(await recordAnthropicBatchResults(client, batchId, { recorder, attribute })).toEqual(expected);
    await recorder.flush();
    // Again, as a job that runs until the batch is done would: nothing more is stored.
    expect(await recordAnthropicBatchResults(client, batchId, { recorder, attribute })).toEqual(expected);
    await recorder.flush();

    const { rows } = await database.pool.query(
      `select request_id, user_id, provider, model_used, request_type, latency_ms, created_at = $2::timestamptz as dated_at_end
       from public.ai_usage_log where request_id = any($1) order by input_tokens desc`,
      [ids, endedAt],
    );
    expect(rows).toEqual([
      {
        request_id: ids[0],
        user_id: users["report-1"],
        provider: "anthropic",
        model_used: MODEL,
        request_type: "batch-report",
        latency_ms: null,
        dated_at_end: true,
      },
      {
        request_id: ids[1],
        user_id: users["report-2"],
        provider: "anthropic",
        model_used: MODEL,
        request_type: "batch-report",
        latency_ms: null,
        dated_at_end: true,
      },
    ]);
    for (const id of ids.slice(0, 2)) {
      const pricing = await storedPricing(database.pool, id, batchPrice);
      expect(pricing).toMatchObject({ service_tier: "batch", cost: pricing.expected });
    }
    // 1000 x 1.50 + 400 x 7.50 + 2000 x 0.15 per million, at the batch rates.
    if (batchPrice.input_per_mtok === 1.5 && batchPrice.cache_read_per_mtok === 0.15) {
      expect((await storedPricing(database.pool, ids[0]!, batchPrice)).cost).toBe("0.004800000000");
    }
  });

  it("reads nothing of a batch still in progress, and says so", async () => {
    const batchId = `msgbatch_${randomUUID()}`;
    fixture.putBatch({
      id: batchId,
      processingStatus: "in_progress",
      createdAt: endedAt,
      endedAt: null,
      results: [],
    });
    const before = fixture.requests.length;
    expect(
      await recordAnthropicBatchResults(client, batchId, {
        recorder,
        attribute: () => ({ userId: newUserId() }),
      }),
    ).toMatchObject({ processingStatus: "in_progress", recorded: 0 });
    expect(fixture.requests.slice(before).map((request) => request.path)).toEqual([
      `/v1/messages/batches/${batchId}`,
    ]);
  });

  it("lists a result whose attribution the recorder refuses, and records the others", async () => {
    const batchId = `msgbatch_${randomUUID()}`;
    const userId = newUserId();
    fixture.putBatch({
      id: batchId,
      processingStatus: "ended",
      createdAt: endedAt,
      endedAt,
      results: [
        succeeded("good", `msg_${randomUUID()}`, { input_tokens: 10, output_tokens: 1 }),
        succeeded("bad", `msg_${randomUUID()}`, { input_tokens: 10, output_tokens: 1 }),
      ],
    });
    const summary = await recordAnthropicBatchResults(client, batchId, {
      recorder,
      attribute: (customId) => ({ userId: customId === "good" ? userId : "not-a-uuid" }),
    });
    expect(summary).toMatchObject({
      recorded: 1,
      refused: [{ customId: "bad", error: { name: "UsageUserIdError" } }],
    });
  });
});
