import { describe, expect, it } from "vitest";
import { benchEvents, benchRequestIdPrefix, skipEvents, withoutCreatedAt } from "./bench-events.js";

const spec = { events: 5_000, days: 10, users: 50, customers: 10, seed: 7 };
const end = new Date("2026-03-02T00:00:00Z");

describe("the bench's events", () => {
  it("are named bench-<hash>-<index>, apart from anyone else's rows", () => {
    const [first] = benchEvents(spec, end);
    expect(first!.request_id).toBe(`${benchRequestIdPrefix(spec)}000000000`);
    expect(benchRequestIdPrefix(spec)).toMatch(/^bench-[0-9a-f]{8}-$/);
  });

  it("resume at the same event after skipEvents (an interrupted build)", () => {
    const all = [...benchEvents(spec, end)];
    const resumed = benchEvents(spec, end);
    skipEvents(resumed, 3_210);
    expect(resumed.next().value).toEqual(all[3_210]);
    const exhausted = benchEvents(spec, end);
    skipEvents(exhausted, spec.events + 10);
    expect(exhausted.next().done).toBe(true);
  });

  it("leave created_at to the database as live traffic, and nothing else", () => {
    const [stamped] = benchEvents(spec, end);
    const [live] = withoutCreatedAt(benchEvents(spec, end));
    const { created_at: _dropped, ...rest } = stamped!;
    expect(live).toEqual(rest);
    expect(live).not.toHaveProperty("created_at");
  });
});
