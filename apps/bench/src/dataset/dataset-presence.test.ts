import { describe, expect, it } from "vitest";
import { benchEvents } from "./bench-events.js";
import { datasetEndFromFirstEvent } from "./dataset-presence.js";

const firstEventAt = (spec: Parameters<typeof benchEvents>[0], end: Date) =>
  new Date(benchEvents(spec, end).next().value!.created_at);

describe("datasetEndFromFirstEvent", () => {
  const spec = { events: 20_000, days: 30, users: 50, customers: 10, seed: 7 };

  it.each(["2026-03-02", "2026-03-06", "2026-12-31"])("recovers a dataset ending %s", (day) => {
    const end = new Date(`${day}T00:00:00Z`);
    expect(datasetEndFromFirstEvent(spec, firstEventAt(spec, end))).toEqual(end);
  });

  it("recovers it when the first days have no events", () => {
    const sparse = { ...spec, events: 4, days: 60 };
    const end = new Date("2026-05-01T00:00:00Z");
    const first = firstEventAt(sparse, end);
    expect(first.getTime()).toBeGreaterThanOrEqual(end.getTime() - 59 * 86_400_000); // not on day 0
    expect(datasetEndFromFirstEvent(sparse, first)).toEqual(end);
  });

  it("refuses a first event the generator cannot have made", () => {
    const end = new Date("2026-03-02T00:00:00Z");
    const shifted = new Date(firstEventAt(spec, end).getTime() + 1);
    expect(() => datasetEndFromFirstEvent(spec, shifted)).toThrow(/--fresh/);
  });
});
