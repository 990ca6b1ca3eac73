import { describe, expect, it } from "vitest";
import type { BatchEvent } from "../schemas/usage-event.js";
import { confirmBatch } from "./batch-confirmation.js";
import type { QueuedEvent } from "./deliver-batch.js";

const USER = "7f0c1c2e-4b1a-4c8e-9a51-0d6b1f0e7a11";
const queued = (requestId: string): QueuedEvent => ({
  requestId,
  batchEvent: { request_id: requestId, user_id: USER } as BatchEvent,
});
const row = (event_index: number, request_id: string, inserted = true) => ({
  event_index,
  id: `row-${event_index}`,
  request_id,
  inserted,
});

describe("confirmBatch", () => {
  it("confirms each event by its request id, one row per event", () => {
    const events = [queued("a"), queued("b"), queued("a")];
    const result = confirmBatch(events, [row(0, "a"), row(1, "b", false), row(2, "a", false)]);
    expect(result.written).toEqual(events);
    expect(result).toMatchObject({ missing: [], duplicates: 2 });
  });

  it("treats an event the answer does not mention as not written", () => {
    const events = [queued("a"), queued("b")];
    expect(confirmBatch(events, [row(0, "a")])).toMatchObject({ written: [events[0]], missing: [events[1]] });
  });

  it("recognises a self-logged row, which the database answers as self:<user id>:<request id>", () => {
    const events = [queued("msg_1"), queued("0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b")];
    const result = confirmBatch(events, [
      row(0, `self:${USER}:msg_1`),
      row(1, `self:${USER}:0193a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b`),
    ]);
    expect(result).toMatchObject({ written: events, missing: [] });
  });

  it("does not strip anything but that exact prefix", () => {
    const events = [queued("msg_1")];
    expect(confirmBatch(events, [row(0, "self:not-a-uuid:msg_1")]).missing).toEqual(events);
  });
});
