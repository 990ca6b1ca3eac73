import type { StreamObserver } from "../instrumentation.js";
import { guard } from "../instrumentation.js";

/**
 * The same parts as `stream`, through an observer: each part as the reader takes it, then the end
 * (done, failed, or cancelled by the reader, as `streamText` does on abort). Nothing is buffered:
 * a part is read from the source only when the reader asks for one.
 */
export function observeReadableStream<Part>(
  stream: ReadableStream<Part>,
  observer: Pick<StreamObserver<Part>, "onEnd"> & { onItem(item: Part): void },
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
      guard(() => observer.onItem(result.value));
      controller.enqueue(result.value);
    },
    async cancel(reason) {
      end(reason ?? new Error("the stream was cancelled before it finished"));
      await reader.cancel(reason);
    },
  });
}
