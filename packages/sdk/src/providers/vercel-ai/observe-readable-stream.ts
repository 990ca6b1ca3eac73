import { guard, type StreamObserver } from "../instrumentation.js";

/**
 * The parts of `stream` the observer keeps, each seen as the reader takes it, then the end (done,
 * failed, or cancelled by the reader, as `streamText` does on abort). Nothing is buffered: a part
 * is read from the source only when the reader asks for one.
 */
export function observeReadableStream<Part>(
  stream: ReadableStream<Part>,
  observer: StreamObserver<Part>,
): ReadableStream<Part> {
  const reader = stream.getReader();
  let ended = false;
  const end = (error: unknown) => {
    if (ended) return;
    ended = true;
    guard(() => observer.onEnd(error));
  };
  return new ReadableStream<Part>({
    async pull(controller) {
      // A dropped part hands the reader nothing: read on until a part is kept or the stream ends.
      for (;;) {
        let result: Awaited<ReturnType<typeof reader.read>>;
        try {
          result = await reader.read();
        } catch (error) {
          end(error);
          controller.error(error);
          return;
        }
        if (result.done) {
          end(undefined);
          controller.close();
          return;
        }
        let keep = true;
        guard(() => {
          keep = observer.onItem(result.value);
        });
        if (keep) {
          controller.enqueue(result.value);
          return;
        }
      }
    },
    async cancel(reason) {
      end(reason ?? new Error("the stream was cancelled before it finished"));
      await reader.cancel(reason);
    },
  });
}
