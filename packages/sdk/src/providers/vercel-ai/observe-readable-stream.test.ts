import { describe, expect, it } from "vitest";
import { observeReadableStream } from "./observe-readable-stream.js";

const streamOf = (parts: string[]) =>
  new ReadableStream<string>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });

describe("observeReadableStream", () => {
  it("hands on the kept parts, sees every part, and ends once", async () => {
    const seen: string[] = [];
    const ends: unknown[] = [];
    const stream = observeReadableStream(streamOf(["a", "raw", "b"]), {
      onItem: (part) => {
        seen.push(part);
        return part !== "raw";
      },
      onEnd: (error) => ends.push(error),
    });
    const read: string[] = [];
    for await (const part of stream) read.push(part);
    expect(read).toEqual(["a", "b"]);
    expect(seen).toEqual(["a", "raw", "b"]);
    expect(ends).toEqual([undefined]);
  });

  it("a reader that cancels ends it with an error, and cancels the source", async () => {
    let sourceCancelled: unknown;
    const source = new ReadableStream<string>({
      pull: (controller) => controller.enqueue("x"),
      cancel: (reason) => {
        sourceCancelled = reason;
      },
    });
    const ends: unknown[] = [];
    const stream = observeReadableStream(source, { onItem: () => true, onEnd: (error) => ends.push(error) });
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel("stop");
    expect(ends).toEqual(["stop"]);
    expect(sourceCancelled).toBe("stop");
  });

  it("a failing source fails the stream with its error, and an observer that throws changes nothing", async () => {
    const failure = new Error("upstream gone");
    let pulls = 0;
    const source = new ReadableStream<string>({
      pull(controller) {
        pulls += 1;
        if (pulls === 1) controller.enqueue("a");
        else controller.error(failure);
      },
    });
    const ends: unknown[] = [];
    const stream = observeReadableStream(source, {
      onItem: () => {
        throw new Error("observer bug");
      },
      onEnd: (error) => ends.push(error),
    });
    const read: string[] = [];
    const error = await (async () => {
      for await (const part of stream) read.push(part);
    })().catch((thrown: unknown) => thrown);
    expect(read).toEqual(["a"]);
    expect(error).toBe(failure);
    expect(ends).toEqual([failure]);
  });
});
