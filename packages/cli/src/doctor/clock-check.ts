import type { Check } from "./check.js";
import { classifyClockSkew, clockSkew } from "./clock-skew.js";

/**
 * The SDK stamps each event with this machine's clock (the moment of record()) while reports count
 * "today" by the server's: a skew between them moves events across day boundaries.
 */
export const clockCheck: Check = async ({ client }) => {
  const localBefore = Date.now();
  const { rows } = await client.query<{ server: Date }>("SELECT clock_timestamp() AS server");
  const localAfter = Date.now();
  const { skewMs, uncertaintyMs } = clockSkew({ localBefore, localAfter, server: rows[0]!.server.getTime() });
  const status = classifyClockSkew(skewMs, uncertaintyMs);
  const measured = `server clock ${skewMs >= 0 ? "ahead of" : "behind"} this machine's by ${Math.abs(skewMs).toFixed(0)} ms (± ${uncertaintyMs.toFixed(0)} ms)`;
  return {
    name: "clock skew",
    status,
    detail:
      status === "ok"
        ? measured
        : `${measured}: synchronise the clocks (NTP), or events land in the wrong day`,
  };
};
