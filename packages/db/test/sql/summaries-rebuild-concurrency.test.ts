import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { connect, createIsolatedDatabase, withClient } from "./helpers/database.js";
import { logBatch, type UsageEvent } from "./helpers/events.js";
import { pick, randomInt, seededRandom } from "./helpers/random.js";
import { compareSummariesWithLog, reconcile } from "./helpers/summary-oracle.js";

// Changing the reporting time zone (and rebuilding) while writers keep logging: a rebuild and a
// zone change must be atomic with respect to writers, or rows would be counted in the old zone's
// days after the switch, or twice, or not at all.

const random = seededRandom(4242);
const users = Array.from({ length: 6 }, () => randomUUID());
const ZONES = ["America/New_York", "Asia/Tokyo", "Europe/Berlin", "Asia/Kolkata"];
// Fixed historical spans holding both DST changes of New York (2025-11-02, 2026-03-08) and of
// Berlin (2025-10-26, 2026-03-29), whatever the date the test runs on.
const SPANS = [
  [Date.parse("2025-10-20T00:00:00Z"), Date.parse("2025-11-08T00:00:00Z")],
  [Date.parse("2026-03-03T00:00:00Z"), Date.parse("2026-04-03T00:00:00Z")],
] as const;

function randomInstant(): string {
  const [from, to] = pick(random, SPANS);
  return new Date(from + Math.floor(random() * (to - from))).toISOString();
}

function batch(writer: number, index: number): UsageEvent[] {
  return Array.from({ length: randomInt(random, 50, 120) }, (_, i) => ({
    request_id: `w${writer}-b${index}-e${i}`,
    user_id: pick(random, users),
    customer_id: random() < 0.5 ? randomInt(random, 1, 3) : null,
    input_tokens: randomInt(random, 0, 10_000),
    output_tokens: randomInt(random, 0, 1_000),
    // Hours near midnight in some zone or other: each zone change moves rows between days.
    created_at: randomInstant(),
  }));
}

let url: string;
beforeAll(async () => {
  url = await createIsolatedDatabase("rebuild_concurrency");
});

describe("zone changes and rebuilds during ingest", () => {
  test("writers see no error, and the summaries equal the log in the final zone", async () => {
    const errors: string[] = [];
    let writing = true;
    const writers = Array.from({ length: 4 }, async (_, writer) => {
      const client = await connect(url);
      try {
        for (let index = 0; index < 6; index++) {
          await logBatch(client, batch(writer, index)).catch((error: Error & { code?: string }) =>
            errors.push(`${error.code}: ${error.message}`),
          );
        }
      } finally {
        await client.end();
      }
    });
    // The admin keeps switching zones (each switch rebuilds), and rebuilding, for as long as the
    // writers write; then back to UTC.
    let switches = 0;
    const admin = (async () => {
      const client = await connect(url);
      try {
        while (writing) {
          await client.query("SELECT set_ai_reporting_time_zone($1)", [ZONES[switches++ % ZONES.length]]);
          await client.query("SELECT rebuild_ai_usage_summaries()");
        }
        await client.query("SELECT set_ai_reporting_time_zone('UTC')");
      } finally {
        await client.end();
      }
    })();
    await Promise.all(writers);
    writing = false;
    await admin;
    expect(switches).toBeGreaterThan(2);
    expect(errors).toEqual([]);

    await withClient(url, async (client) => {
      const { rows } = await client.query("SELECT count(*)::int AS n FROM ai_usage_log");
      expect(rows[0].n).toBeGreaterThan(1000);
      expect(await reconcile(client)).toMatchObject({ ok: true, mismatches: 0, time_zone: "UTC" });
      for (const { expected, actual } of Object.values(await compareSummariesWithLog(client, "UTC"))) {
        expect(actual).toEqual(expected);
      }
    });
  }, 120_000);
});
