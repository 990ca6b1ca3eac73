import { beforeAll, describe, expect, it } from "vitest";
import { generateEvents, type SeedEvent } from "./generate-events.js";
import { generationOptionsSchema } from "./generation-options.js";

/** One sample shared by every check: 40,000 events over 56 days (8 whole weeks). */
let sample: SeedEvent[];
beforeAll(() => {
  const options = generationOptionsSchema.parse({
    events: 40_000,
    days: 56,
    users: 100,
    customers: 30,
    seed: 7,
    end: new Date("2026-03-02T00:00:00Z"),
  });
  sample = [...generateEvents(options)];
});

const share = (predicate: (event: SeedEvent) => boolean, events = sample) =>
  events.filter(predicate).length / events.length;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * q)]!;

describe("the generated sample", () => {
  it("mixes request types around their targets", () => {
    const targets = { report: 0.42, insight: 0.26, widget: 0.22, scheduled: 0.1 };
    for (const [requestType, target] of Object.entries(targets)) {
      expect(share((event) => event.request_type === requestType)).toBeCloseTo(target, 1);
    }
  });

  it("fails 3-5% of requests, with a realistic message and little or no output", () => {
    const errors = sample.filter((event) => event.status === "error");
    expect(errors.length / sample.length).toBeGreaterThanOrEqual(0.03);
    expect(errors.length / sample.length).toBeLessThanOrEqual(0.05);
    expect(errors.every((event) => event.output_tokens <= 40)).toBe(true);
    expect(sample.every((event) => (event.status === "error") === (event.error_message !== undefined))).toBe(
      true,
    );
    const messages = errors.map((event) => event.error_message ?? "");
    for (const kind of ["overloaded_error", "rate limit", "timed out"]) {
      expect(messages.some((message) => message.toLowerCase().includes(kind))).toBe(true);
    }
    expect(share((event) => event.output_tokens === 0, errors)).toBeGreaterThan(0.5);
  });

  it("is busier on weekdays than at weekends, and in business hours", () => {
    const weekend = (event: SeedEvent) => [0, 6].includes(new Date(event.created_at).getUTCDay());
    // 8 whole weeks: 40 weekdays and 16 weekend days. Per day, weekdays are at least 3x as busy.
    const perWeekday = sample.filter((event) => !weekend(event)).length / 40;
    const perWeekendDay = sample.filter(weekend).length / 16;
    expect(perWeekday / perWeekendDay).toBeGreaterThan(3);
    const interactive = sample.filter((event) => event.request_type !== "scheduled");
    const businessHours = (event: SeedEvent) => {
      const hour = new Date(event.created_at).getUTCHours();
      return hour >= 8 && hour < 18;
    };
    expect(share(businessHours, interactive)).toBeGreaterThan(0.65);
    const scheduled = sample.filter((event) => event.request_type === "scheduled");
    expect(scheduled.every((event) => new Date(event.created_at).getUTCHours() === 6)).toBe(true);
  });

  it("grows over time", () => {
    const firstWeek = sample.filter((event) => event.created_at < "2026-01-12").length;
    const lastWeek = sample.filter((event) => event.created_at >= "2026-02-23").length;
    expect(lastWeek / firstWeek).toBeGreaterThan(1.1);
  });

  it("uses Claude Sonnet 4 most, other models (Gemini among them) less, and a little of an unpriced model", () => {
    const bounds: Record<string, [number, number]> = {
      "claude-sonnet-4-20250514": [0.45, 0.65],
      "claude-haiku-4-5": [0.08, 0.2],
      "claude-opus-4-1": [0.03, 0.09],
      "gpt-4o": [0.06, 0.14],
      "gpt-4o-mini": [0.07, 0.17],
      "gemini-2.5-flash": [0.02, 0.08],
      "mistral-large-2411": [0.01, 0.05],
    };
    for (const [model, [low, high]] of Object.entries(bounds)) {
      const modelShare = share((event) => event.model_used === model);
      expect(modelShare, model).toBeGreaterThanOrEqual(low);
      expect(modelShare, model).toBeLessThanOrEqual(high);
    }
    expect(share((event) => !(event.model_used in bounds))).toBe(0);
  });

  it("caches the way each provider does", () => {
    const byProvider = (provider: string) =>
      sample.filter((event) => event.provider === provider && event.status === "success");
    const anthropic = byProvider("anthropic");
    expect(share((event) => event.cache_read_tokens > 0, anthropic)).toBeGreaterThan(0.3);
    expect(share((event) => event.cache_write_5m_tokens > 0, anthropic)).toBeGreaterThan(0.2);
    expect(share((event) => event.cache_write_1h_tokens > 0, anthropic)).toBeGreaterThan(0.03);
    const openai = byProvider("openai");
    expect(share((event) => event.cache_read_tokens > 0, openai)).toBeGreaterThan(0.2);
    expect(openai.every((event) => event.cache_write_5m_tokens + event.cache_write_1h_tokens === 0)).toBe(
      true,
    );
    // Gemini's implicit caching: reads of a repeated prefix, never a write.
    const google = byProvider("google");
    expect(share((event) => event.cache_read_tokens > 0, google)).toBeGreaterThan(0.1);
    expect(google.every((event) => event.cache_write_5m_tokens + event.cache_write_1h_tokens === 0)).toBe(
      true,
    );
    const mistral = byProvider("mistral");
    expect(mistral.every((event) => event.cache_read_tokens + event.cache_write_5m_tokens === 0)).toBe(true);
  });

  it("has heavy-tailed token counts and latency that grows with output", () => {
    const successes = sample.filter((event) => event.status === "success");
    const outputs = successes.map((event) => event.output_tokens);
    expect(quantile(outputs, 0.99) / median(outputs)).toBeGreaterThan(5);
    const [lowOutput, highOutput] = [quantile(outputs, 0.2), quantile(outputs, 0.8)];
    const short = successes.filter((event) => event.output_tokens < lowOutput);
    const long = successes.filter((event) => event.output_tokens > highOutput);
    const latency = (events: SeedEvent[]) => median(events.map((event) => event.latency_ms ?? 0));
    expect(latency(long)).toBeGreaterThan(2 * latency(short));
  });

  it("attributes admin usage to the admin, with the impersonated customer as context", () => {
    const isAdmin = (event: SeedEvent) => event.user_email?.endsWith("@ourapp.example") ?? false;
    const admins = sample.filter(isAdmin);
    expect(admins.length / sample.length).toBeGreaterThan(0.05);
    expect(admins.length / sample.length).toBeLessThan(0.25);
    expect(new Set(admins.map((event) => event.user_id)).size).toBeLessThanOrEqual(6);
    expect(new Set(admins.map((event) => event.customer_id)).size).toBeGreaterThan(10);
    // A customer user only ever acts within their own customer.
    const customersOfUser = new Map<string, Set<number | undefined>>();
    for (const event of sample.filter((candidate) => !isAdmin(candidate))) {
      customersOfUser.set(
        event.user_id,
        (customersOfUser.get(event.user_id) ?? new Set()).add(event.customer_id),
      );
    }
    expect([...customersOfUser.values()].every((customers) => customers.size === 1)).toBe(true);
    expect(customersOfUser.size).toBeGreaterThan(60);
  });

  it("groups interactive requests into sessions of several turns", () => {
    const turns = new Map<string, number>();
    for (const event of sample) {
      if (event.session_id) turns.set(event.session_id, (turns.get(event.session_id) ?? 0) + 1);
    }
    const multiTurn = [...turns.values()].filter((count) => count > 1).length;
    expect(multiTurn / turns.size).toBeGreaterThan(0.25);
    expect(Math.max(...turns.values())).toBeGreaterThanOrEqual(6);
  });
});
