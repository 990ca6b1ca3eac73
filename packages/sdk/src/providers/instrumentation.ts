/**
 * Helpers that observe an official SDK call without changing what its caller receives: the same
 * APIPromise class (with `withResponse()`, `asResponse()`), the same Stream object, the same errors.
 * They rely on two public-by-convention hooks both official SDKs share: `APIPromise._thenUnwrap`
 * (which the SDKs themselves use to post-process results lazily) and `Stream[Symbol.asyncIterator]`
 * (through which `for await`, `tee()` and `toReadableStream()` all read).
 */

import type { Finish } from "./call-recorder.js";
import { NO_TOKENS } from "./token-usage.js";

interface ApiPromiseLike<T> extends PromiseLike<T> {
  _thenUnwrap?<U>(transform: (data: T) => U): PromiseLike<U>;
  _responseProps?(): Promise<unknown>;
  asResponse?(): Promise<unknown>;
}

/** Runs `onFailure` when the request itself fails (network, HTTP error), without reading the body. */
export function onRequestFailure(promise: PromiseLike<unknown>, onFailure: (error: unknown) => void): void {
  const apiPromise = promise as ApiPromiseLike<unknown>;
  // _responseProps (Anthropic) and asResponse (OpenAI) settle with the HTTP response, unparsed.
  const response =
    typeof apiPromise._responseProps === "function"
      ? apiPromise._responseProps()
      : typeof apiPromise.asResponse === "function"
        ? apiPromise.asResponse()
        : Promise.resolve(apiPromise);
  response.then(undefined, (error) => guard(() => onFailure(error)));
}

/**
 * One tracked `create` call: calls `create` on `owner` with the caller's own arguments, records a
 * failed request (network, HTTP error) as an error row for `requestedModel`, and returns the
 * caller's promise with `onData` observing the parsed result (see passThrough).
 */
export function callAndObserve(
  owner: object,
  create: unknown,
  args: readonly unknown[],
  requestedModel: string,
  finish: Finish,
  onData: (data: unknown) => unknown,
): PromiseLike<unknown> {
  const promise = (create as (...a: unknown[]) => PromiseLike<unknown>).apply(owner, args as unknown[]);
  onRequestFailure(promise, (error) =>
    finish({
      modelUsed: requestedModel,
      tokens: NO_TOKENS,
      status: "error",
      errorMessage: errorMessage(error),
      requestFailed: true,
    }),
  );
  return passThrough(promise, onData);
}

/**
 * The promise the caller receives: `promise._thenUnwrap(inspect)`, so parsing stays lazy and every
 * APIPromise helper keeps working. `inspect` sees the parsed data and returns what the caller gets
 * (the same object, or the same stream after `observeStream`); if it throws, the data passes through.
 */
export function passThrough<T, P extends PromiseLike<T>>(promise: P, inspect: (data: T) => T): P {
  const apiPromise = promise as unknown as ApiPromiseLike<T>;
  const safely = (data: T): T => {
    try {
      return inspect(data);
    } catch {
      return data;
    }
  };
  if (typeof apiPromise._thenUnwrap === "function") return apiPromise._thenUnwrap(safely) as unknown as P;
  // An SDK without _thenUnwrap: a plain promise still delivers the same data and errors.
  return promise.then(safely) as unknown as P;
}

export interface StreamObserver<Item> {
  /** Sees each item; return false to keep it from the caller (the extra usage chunk we asked for). */
  onItem(item: Item): boolean;
  /** The stream ended: completed (error undefined), failed, or the caller stopped reading. */
  onEnd(error: unknown): void;
}

/** Observes a stream's items as the caller reads them; the stream object itself is returned as is. */
export function observeStream<Item, S extends AsyncIterable<Item>>(
  stream: S,
  observer: StreamObserver<Item>,
): S {
  const original = stream[Symbol.asyncIterator].bind(stream);
  async function* observed(): AsyncGenerator<Item> {
    let failure: unknown;
    try {
      for await (const item of { [Symbol.asyncIterator]: original }) {
        let keep = true;
        guard(() => {
          keep = observer.onItem(item);
        });
        if (keep) yield item;
      }
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      guard(() => observer.onEnd(failure));
    }
  }
  Object.defineProperty(stream, Symbol.asyncIterator, {
    value: observed,
    configurable: true,
    writable: true,
  });
  return stream;
}

/** Recording must never break the call it measures. */
export function guard(callback: () => void): void {
  try {
    callback();
  } catch {
    // Swallowed on purpose; recording problems surface through the recorder's onError.
  }
}

/** The message of whatever an SDK threw. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
