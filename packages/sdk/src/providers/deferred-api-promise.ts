/**
 * The promise a budgeted call returns: the provider call starts only once the budget admitted it,
 * yet the caller gets what the official SDKs return at once: a promise of the parsed result with
 * the APIPromise helpers (`withResponse()`, `asResponse()`, and `_thenUnwrap()`, which the SDKs'
 * own helpers such as `messages.stream()` and `responses.parse()` build on). Each helper waits for
 * the admission, then calls the same helper of the real APIPromise. A refusal rejects them all.
 */

interface ApiPromiseLike extends PromiseLike<unknown> {
  _thenUnwrap?(transform: (data: unknown, props: unknown) => unknown): ApiPromiseLike;
  _responseProps?(): Promise<unknown>;
  asResponse?(): Promise<unknown>;
  withResponse?(): Promise<unknown>;
}

/**
 * The real APIPromise once admitted. Boxed, because resolving a promise with a thenable adopts it:
 * an APIPromise handed over bare would be parsed (its body read) on the spot.
 */
export type Admitted = Promise<{ promise: ApiPromiseLike }>;

export class DeferredApiPromise<T = unknown> extends Promise<T> {
  readonly #admitted: Admitted;
  #parsed: Promise<T> | undefined;

  constructor(admitted: Admitted) {
    // As APIPromise does: the base promise is a no-op; then/catch/finally below do the work.
    super((resolve) => resolve(null as T));
    this.#admitted = admitted;
    // A refusal nobody asked about is not an unhandled rejection; whoever reads the result gets it.
    admitted.catch(() => undefined);
  }

  // Promise's own methods (and `await`) build derived promises of the plain kind.
  static override get [Symbol.species]() {
    return Promise;
  }

  /** The parsed result: the caller's data, after the wrapper's observation. */
  parse(): Promise<T> {
    this.#parsed ??= this.#admitted.then(({ promise }) => promise as PromiseLike<T>);
    return this.#parsed;
  }

  // biome-ignore lint/suspicious/noThenProperty: it is a promise (of the parsed result), as APIPromise is.
  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.parse().then(onfulfilled, onrejected);
  }

  override catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.parse().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.parse().finally(onfinally);
  }

  asResponse(): Promise<unknown> {
    return this.#admitted.then(({ promise }) => helper(promise, "asResponse"));
  }

  withResponse(): Promise<unknown> {
    return this.#admitted.then(({ promise }) => helper(promise, "withResponse"));
  }

  _responseProps(): Promise<unknown> {
    return this.#admitted.then(({ promise }) => helper(promise, "_responseProps"));
  }

  _thenUnwrap(transform: (data: unknown, props: unknown) => unknown): DeferredApiPromise {
    return new DeferredApiPromise(
      this.#admitted.then(({ promise }) => {
        if (typeof promise._thenUnwrap !== "function") {
          return { promise: Promise.resolve(promise).then((data) => transform(data, undefined)) };
        }
        return { promise: promise._thenUnwrap(transform) };
      }),
    );
  }
}

function helper(promise: ApiPromiseLike, name: "asResponse" | "withResponse" | "_responseProps"): unknown {
  const method = promise[name];
  if (typeof method !== "function") {
    throw new TypeError(`${name}() is not available: the client's promise has no such helper`);
  }
  return method.call(promise);
}
