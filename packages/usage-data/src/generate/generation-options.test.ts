import { describe, expect, it } from "vitest";
import { generationOptionsSchema, maximumEventsPerDay } from "./generation-options.js";

const end = new Date("2026-03-01T00:00:00Z");

describe("generationOptionsSchema", () => {
  it("takes up to the maximum of events a day on average", () => {
    expect(generationOptionsSchema.safeParse({ events: maximumEventsPerDay, days: 1, end }).success).toBe(
      true,
    );
    expect(generationOptionsSchema.safeParse({ events: 10_000_000, days: 10, end }).success).toBe(true);
  });

  it("refuses more, on --events, saying why (one day is held in memory)", () => {
    const parsed = generationOptionsSchema.safeParse({ events: 10_000_000, days: 9, end });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues).toEqual([
      expect.objectContaining({
        path: ["events"],
        message: expect.stringMatching(/a day on average.*memory/),
      }),
    ]);
  });
});
