import { describe, expect, it } from "vitest";
import { type Admitted, DeferredApiPromise } from "./deferred-api-promise.js";

/** Just enough of an APIPromise: a parsed value, a raw response, and _thenUnwrap. */
function apiPromise(
  data: unknown,
  response = { status: 200 },
  calls: string[] = [],
): Admitted extends Promise<{ promise: infer P }> ? P : never {
  const promise = {
    // biome-ignore lint/suspicious/noThenProperty: it stands in for an APIPromise, a thenable.
    then: ((resolve, reject) => {
      calls.push("parse");
      return Promise.resolve(data).then(resolve, reject);
    }) as PromiseLike<unknown>["then"],
    asResponse: async () => response,
    withResponse: async () => ({ data, response }),
    _responseProps: async () => ({ response }),
    _thenUnwrap: (transform: (value: unknown, props: unknown) => unknown) =>
      apiPromise(transform(data, { response }), response, calls),
  };
  return promise;
}

describe("DeferredApiPromise", () => {
  it("resolves to the parsed data once admitted, and keeps the APIPromise helpers", async () => {
    const calls: string[] = [];
    const deferred = new DeferredApiPromise(
      Promise.resolve({ promise: apiPromise({ id: "m1" }, undefined, calls) }),
    );
    expect(deferred).toBeInstanceOf(Promise);
    expect(await deferred).toEqual({ id: "m1" });
    expect(await deferred.withResponse()).toEqual({ data: { id: "m1" }, response: { status: 200 } });
    expect(await deferred.asResponse()).toEqual({ status: 200 });
    expect(await deferred._thenUnwrap((data) => ({ wrapped: data }))).toEqual({ wrapped: { id: "m1" } });
    // The result is parsed once however often it is awaited.
    await deferred;
    expect(calls.filter((call) => call === "parse")).toHaveLength(1 + 1);
  });

  it("a refusal rejects every way of reading it, and nobody reading it is no unhandled rejection", async () => {
    const refusal = new Error("budget reached");
    const deferred = new DeferredApiPromise(Promise.reject(refusal));
    await expect(deferred).rejects.toBe(refusal);
    await expect(deferred.withResponse()).rejects.toBe(refusal);
    await expect(deferred.asResponse()).rejects.toBe(refusal);
    await expect(deferred._thenUnwrap((data) => data)).rejects.toBe(refusal);
    expect(await deferred.catch((error: unknown) => (error as Error).message)).toBe("budget reached");
    new DeferredApiPromise(Promise.reject(new Error("never read")));
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
});
