import { describe, expect, it } from "vitest";
import { BatchEventSchema, toBatchEvent, UsageEventSchema } from "../schemas/usage-event.js";
import { USAGE_EVENT_FIELDS } from "./usage-event-fields.js";

const camelCase = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, next: string) => next.toUpperCase());
const minimal = { userId: "7f0c1c2e-4b1a-4c8e-9a51-0d6b1f0e7a11", modelUsed: "claude-sonnet-4-20250514" };

describe("the usage event definition", () => {
  it("names each field once, the SDK key being the JSON key in camelCase", () => {
    const jsonKeys = USAGE_EVENT_FIELDS.map((field) => field.json);
    expect(new Set(jsonKeys).size).toBe(jsonKeys.length);
    for (const field of USAGE_EVENT_FIELDS) {
      expect(field.json).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(field.sdk.key).toBe(camelCase(field.json));
    }
  });

  it("gives every field of record()'s event and of the batch JSON a definition, and nothing more", () => {
    expect(Object.keys(UsageEventSchema.shape).sort()).toEqual(
      USAGE_EVENT_FIELDS.map((f) => f.sdk.key).sort(),
    );
    const wire = (BatchEventSchema as unknown as { shape: Record<string, unknown> }).shape;
    expect(Object.keys(wire).sort()).toEqual(USAGE_EVENT_FIELDS.map((f) => f.json).sort());
  });

  it.each(USAGE_EVENT_FIELDS.map((field) => [field.sdk.key, field] as const))(
    "record() treats a missing %s as the definition says",
    (key, field) => {
      const parsed = UsageEventSchema.safeParse({ ...minimal, [key]: undefined });
      const absent = field.whenAbsent;
      if ("required" in absent || "required" in field.sdk) {
        expect(parsed.success).toBe(false);
        expect(parsed.error?.issues[0]?.path).toEqual([key]);
      } else if ("default" in absent && !("defaultLeftToDatabase" in field.sdk)) {
        expect(parsed.data?.[key]).toBe(absent.default);
      } else {
        // Stored NULL, computed or defaulted by the database (or the recorder): nothing is sent.
        expect(parsed.data?.[key]).toBeUndefined();
      }
    },
  );

  it.each(USAGE_EVENT_FIELDS.map((field) => [field.sdk.key, field] as const))(
    "record() takes a null %s as absent only where the definition says so",
    (key, field) => {
      const parsed = UsageEventSchema.safeParse({ ...minimal, [key]: null });
      expect(parsed.success).toBe("acceptsNull" in field.sdk);
      if (parsed.success) expect(parsed.data[key] ?? undefined).toBeUndefined();
    },
  );

  it("sends every field under its JSON key", () => {
    const full = UsageEventSchema.parse({
      ...minimal,
      userEmail: "a@example.com",
      customerId: 7,
      customerName: "Acme",
      requestType: "insight",
      sessionId: "s-1",
      provider: "anthropic",
      inputTokens: 1,
      outputTokens: 2,
      cacheWrite5mTokens: 3,
      cacheWrite1hTokens: 4,
      cacheReadTokens: 5,
      latencyMs: 6,
      toolTurns: 7,
      status: "error",
      errorMessage: "boom",
      serviceTier: "priority",
      requestId: "ignored: the recorder's id wins",
      budgetHoldId: "0b6c8a6e-1f7d-4c3b-9a55-2d1e8f3c4b7a",
    });
    const sent = toBatchEvent(full, "msg_1", new Date("2026-01-02T03:04:05Z"));
    expect(Object.keys(sent).sort()).toEqual(USAGE_EVENT_FIELDS.map((f) => f.json).sort());
    for (const { json, sdk } of USAGE_EVENT_FIELDS) {
      if (json !== "request_id" && json !== "created_at") expect(sent[json]).toBe(full[sdk.key]);
    }
    expect(BatchEventSchema.safeParse(sent).success).toBe(true);
  });
});
