import { BatchEventSchema } from "@org/ai-usage-sdk";
import { describe, expect, it } from "vitest";
import { datasetPopulation, generateEvents } from "./generate-events.js";
import { type GenerationOptionsInput, generationOptionsSchema } from "./generation-options.js";
import { requestIdPrefix } from "./request-id.js";

const end = new Date("2026-03-01T00:00:00Z");
const generate = (overrides: Partial<GenerationOptionsInput> = {}) => [
  ...generateEvents(generationOptionsSchema.parse({ events: 3_000, end, ...overrides })),
];

describe("generateEvents", () => {
  it("yields the same events, byte for byte, for the same options", () => {
    expect(JSON.stringify(generate())).toBe(JSON.stringify(generate()));
  });

  it("yields different events for a different seed, and different request ids", () => {
    const first = generate({ seed: 1 });
    const second = generate({ seed: 2 });
    expect(JSON.stringify(first)).not.toBe(JSON.stringify(second));
    const firstIds = new Set(first.map((event) => event.request_id));
    expect(second.some((event) => firstIds.has(event.request_id))).toBe(false);
  });

  it("keeps request ids when only the end-of-range anchor moves (reruns on a later day add nothing)", () => {
    const today = generate();
    const tomorrow = generate({ end: new Date(end.getTime() + 86_400_000) });
    expect(tomorrow.map((event) => event.request_id)).toEqual(today.map((event) => event.request_id));
  });

  it("runs up to an end inside a day: that day's events before it, as the first events of the whole day's dataset", () => {
    // An injected instant, never the clock: 14:30 UTC on the dataset's last day.
    const wholeDays = generate({ days: 10 });
    const afternoon = new Date(end.getTime() - 86_400_000 + 14.5 * 3_600_000);
    const cut = generate({ days: 10, end: afternoon });
    const before = wholeDays.filter((event) => Date.parse(event.created_at) < afternoon.getTime());
    expect(JSON.stringify(cut)).toBe(JSON.stringify(before));
    // The cut day really has usage up to the afternoon, and none after it.
    const lastDay = cut.filter((event) => Date.parse(event.created_at) >= end.getTime() - 86_400_000);
    expect(lastDay.length).toBeGreaterThan(0);
    expect(Date.parse(cut.at(-1)!.created_at)).toBeLessThan(afternoon.getTime());
    expect(Date.parse(cut.at(-1)!.created_at)).toBeGreaterThan(afternoon.getTime() - 3 * 3_600_000);
    expect(cut.length).toBeLessThan(wholeDays.length);
  });

  it.each([1, 7, 2_001])("yields exactly %i events", (events) => {
    expect(generate({ events, days: 3 })).toHaveLength(events);
  });

  it("yields valid batch events inside the range, oldest first, with unique zero-padded request ids", () => {
    const events = generate({ days: 10 });
    const start = end.getTime() - 10 * 86_400_000;
    const problems: string[] = [];
    let previous = start;
    for (const event of events) {
      // The SDK's schema of what log_ai_usage_batch accepts (strict: no unknown keys).
      if (!BatchEventSchema.safeParse(event).success) problems.push(`${event.request_id}: shape`);
      const at = Date.parse(event.created_at);
      if (at < previous || at >= end.getTime())
        problems.push(`${event.request_id}: time ${event.created_at}`);
      previous = at;
      const buckets = [
        event.input_tokens,
        event.output_tokens,
        event.cache_write_5m_tokens,
        event.cache_write_1h_tokens,
        event.cache_read_tokens,
      ];
      if (!buckets.every((tokens) => Number.isInteger(tokens) && tokens >= 0)) {
        problems.push(`${event.request_id}: tokens`);
      }
      // Each provider call stays under the 200k long-context tier; a request with tool turns is several calls.
      const prompt =
        event.input_tokens +
        event.cache_read_tokens +
        event.cache_write_5m_tokens +
        event.cache_write_1h_tokens;
      if (prompt >= 200_000 * (1 + event.tool_turns)) problems.push(`${event.request_id}: prompt ${prompt}`);
    }
    expect(problems).toEqual([]);
    const ids = events.map((event) => event.request_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]).toMatch(/^seed-42-[0-9a-f]{8}-000000000$/);
  });

  it("keeps one user, customer, model and request type across the turns of a session", () => {
    const bySession = new Map<string, Set<string>>();
    for (const event of generate()) {
      if (event.session_id === undefined) continue;
      const identity = [event.user_id, event.customer_id, event.model_used, event.request_type].join("|");
      bySession.set(event.session_id, (bySession.get(event.session_id) ?? new Set()).add(identity));
    }
    expect([...bySession.values()].every((identities) => identities.size === 1)).toBe(true);
  });

  it("names exactly the users and customers of datasetPopulation", () => {
    const options = generationOptionsSchema.parse({ events: 3_000, end, users: 40, customers: 12 });
    const population = datasetPopulation(options);
    const users = new Map(
      [...population.admins, ...population.customerUsers].map((user) => [user.userId, user.email]),
    );
    const events = [...generateEvents(options)];
    expect(events.every((event) => users.get(event.user_id) === event.user_email)).toBe(true);
    expect(new Set(events.map((event) => event.customer_id)).size).toBeGreaterThan(10);
  });

  it("with a stream seed, makes other requests by the same users, under the given request ids", () => {
    const options = generationOptionsSchema.parse({ events: 3_000, end });
    const dataset = [...generateEvents(options)];
    const live = [...generateEvents(options, { streamSeed: 43, requestIdPrefix: "live-" })];
    expect(live).toHaveLength(3_000);
    const population = datasetPopulation(options);
    const users = new Set([...population.admins, ...population.customerUsers].map((user) => user.userId));
    expect(live.every((event) => users.has(event.user_id))).toBe(true);
    expect(live.map((event) => event.created_at)).not.toEqual(dataset.map((event) => event.created_at));
    expect(live[0]!.request_id).toBe("live-000000000");
    // The same stream seed gives the same stream again.
    expect(JSON.stringify([...generateEvents(options, { streamSeed: 43, requestIdPrefix: "live-" })])).toBe(
      JSON.stringify(live),
    );
  });

  it("prefixes request ids with the writer's namespace and every option that shapes the dataset", () => {
    const options = { events: 10, days: 3, users: 5, customers: 2, seed: 9 };
    expect(requestIdPrefix(options)).toMatch(/^seed-9-[0-9a-f]{8}-$/);
    expect(requestIdPrefix(options, "bench")).toMatch(/^bench-[0-9a-f]{8}-$/);
    for (const key of Object.keys(options) as (keyof typeof options)[]) {
      expect(requestIdPrefix({ ...options, [key]: options[key] + 1 }), key).not.toBe(
        requestIdPrefix(options),
      );
    }
  });

  it("streams: the first events of a 10,000,000-event dataset come without making the rest", () => {
    const events = generateEvents(generationOptionsSchema.parse({ events: 10_000_000, days: 365, end }));
    const heapBefore = process.memoryUsage().heapUsed;
    for (let index = 0; index < 50_000; index++) expect(events.next().done).toBe(false);
    // One day at a time: ~30,000 events of this dataset are in memory, not 10,000,000 (~5 GB).
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(300_000_000);
  });
});
