import { describe, expect, it } from "vitest";
import { models } from "./catalog.js";
import { requestIdPrefix } from "./dataset-spec.js";
import { EventGenerator } from "./event-generator.js";
import { IsoTimeFormatter } from "./iso-time.js";

const spec = { events: 20_000, days: 30, users: 100, customers: 20, seed: 7 };
const startMs = Date.UTC(2026, 0, 1);

function allEvents(generator: EventGenerator): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  while (!generator.done) events.push(...JSON.parse(generator.nextBatch(3_000).json.toString("latin1")));
  return events;
}

describe("EventGenerator", () => {
  const events = allEvents(new EventGenerator(spec, startMs));

  it("is deterministic and batches do not change the events", () => {
    const again = new EventGenerator(spec, startMs);
    const singles = Array.from({ length: 500 }, () => JSON.parse(again.next()));
    expect(singles).toEqual(events.slice(0, 500));
  });

  it("spreads strictly increasing times over the days", () => {
    const times = events.map((event) => Date.parse(event.created_at as string));
    expect(times.every((time, index) => index === 0 || time > times[index - 1]!)).toBe(true);
    expect(times[0]).toBeGreaterThanOrEqual(startMs);
    expect(times.at(-1)).toBeLessThan(startMs + spec.days * 86_400_000);
  });

  it("has about 5% errors, all six models and cache tokens", () => {
    const errors = events.filter((event) => event.status === "error").length / events.length;
    expect(errors).toBeGreaterThan(0.04);
    expect(errors).toBeLessThan(0.06);
    expect(new Set(events.map((event) => event.model_used))).toEqual(
      new Set(models.map((model) => model.model)),
    );
    expect(events.some((event) => (event.cache_read_tokens as number) > 0)).toBe(true);
    expect(events.some((event) => (event.cache_write_5m_tokens as number) > 0)).toBe(true);
  });

  it("uses the dataset's users and customers, with unique, prefixed request ids", () => {
    expect(new Set(events.map((event) => event.user_id)).size).toBeLessThanOrEqual(spec.users);
    expect(new Set(events.map((event) => event.customer_id).filter(Boolean)).size).toBe(spec.customers);
    const ids = events.map((event) => event.request_id as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith(requestIdPrefix(spec)))).toBe(true);
    expect(requestIdPrefix({ ...spec, events: spec.events + 1 })).not.toBe(requestIdPrefix(spec));
  });

  it("with a stream seed, makes other requests by the same users and customers", () => {
    const live = allEvents(new EventGenerator(spec, startMs, { streamSeed: spec.seed + 1 }));
    const users = new Set(events.map((event) => event.user_id));
    const customers = new Set(events.map((event) => event.customer_id));
    expect(live.every((event) => users.has(event.user_id) && customers.has(event.customer_id))).toBe(true);
    expect(new Set(live.map((event) => event.user_id)).size).toBeGreaterThan(spec.users / 2);
    expect(live.slice(0, 100).map((event) => event.user_id)).not.toEqual(
      events.slice(0, 100).map((event) => event.user_id),
    );
  });

  it("skip() resumes at the same event", () => {
    const resumed = new EventGenerator(spec, startMs);
    resumed.skip(12_345);
    expect(JSON.parse(resumed.next())).toEqual(events[12_345]);
  });
});

describe("IsoTimeFormatter", () => {
  it("matches Date#toISOString", () => {
    const formatter = new IsoTimeFormatter();
    for (let ms = Date.UTC(2025, 11, 31, 23, 59, 58, 990); ms < Date.UTC(2026, 0, 1, 0, 0, 2); ms += 7) {
      expect(formatter.format(ms)).toBe(new Date(ms).toISOString());
    }
  });
});
