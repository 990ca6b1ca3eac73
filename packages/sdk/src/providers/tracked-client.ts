import type { UsageContextInput } from "./context.js";

/** A provider client with usage tracking; same type as the original plus `withUsageContext`. */
export type Tracked<Client> = Client & {
  /** The same tracked client, attributing its calls to this context (merged over the base context). */
  withUsageContext(context: Partial<UsageContextInput>): Tracked<Client>;
};

/**
 * A view of an SDK object in which some properties are replaced and everything else is the
 * original. Methods of the root client are bound to it (clients keep state in #private fields a
 * Proxy cannot reach); resource methods run with the view as `this`, so their helpers (`stream()`,
 * `parse()`) call the tracked `create`, and their `_client` is the tracked root client.
 */
export function viewOf<T extends object>(
  target: T,
  replaced: Record<string | symbol, () => unknown>,
  bindMethods: boolean,
): T {
  return new Proxy(target, {
    get(object, property) {
      if (Object.hasOwn(replaced, property)) return replaced[property]!();
      const value: unknown = Reflect.get(object, property, object);
      if (bindMethods && typeof value === "function") return value.bind(object);
      return value;
    },
  });
}
