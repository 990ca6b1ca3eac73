import { randomUUID } from "node:crypto";
import {
  createDatabase,
  type PostgresMajor,
  startTestDatabase,
  type TestDatabase,
} from "@org/ai-usage-db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { identityValues, SET_IDENTITY_SQL } from "../src/database/identity.js";
import { USAGE_EVENT_FIELDS, type UsageEventField } from "../src/event/usage-event-fields.js";
import { BatchEventSchema, toBatchEvent, UsageEventSchema } from "../src/schemas/usage-event.js";
import { ABSENT, type BoundaryCase, baseEvent, boundaryCases } from "./event-definition-cases.js";

/**
 * The safety net between the definition (src/event/usage-event-fields.ts) and the SQL: every
 * boundary of every field goes through `log_ai_usage_batch` as the service role, the way PostgREST
 * calls it, on PostgreSQL 17 and 15. The database must store exactly what the definition accepts
 * (and store what it says when a field is missing), the batch JSON schema must agree with it, and
 * whatever record() accepts must be stored once the recorder has turned it into JSON.
 */

type Outcome = { stored: Record<string, unknown> } | { code: string; message: string };

/** One call in its own transaction, rolled back: no case sees another's rows or request ids. */
async function logAsServiceRole(pool: pg.Pool, event: Record<string, unknown>): Promise<Outcome> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query(
      SET_IDENTITY_SQL,
      identityValues({ role: "service_role", claims: { role: "service_role" } }),
    );
    const { rows } = await client.query<{ id: string }>(
      "select id from public.log_ai_usage_batch(p_events => $1::jsonb)",
      [JSON.stringify([event])],
    );
    const stored = await client.query<{ row: Record<string, unknown> }>(
      "select to_jsonb(l) as row from public.ai_usage_log l where l.id = $1",
      [rows[0]!.id],
    );
    return { stored: stored.rows[0]!.row };
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  } finally {
    await client.query("rollback").catch(() => undefined);
    client.release();
  }
}

function withValue(event: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const result = { ...event };
  if (value === ABSENT) delete result[key];
  else result[key] = value;
  return result;
}

/** What the column must hold after the case was stored, or why it does not. */
function storedProblem(testCase: BoundaryCase, stored: unknown): string | undefined {
  const { field, value } = testCase;
  let expected: unknown;
  if (value === ABSENT || value === null) {
    const absent = field.whenAbsent;
    if ("computed" in absent)
      return stored === null ? "stored NULL, the definition computes a value" : undefined;
    expected = "default" in absent ? absent.default : null;
  } else if (field.kind === "uuid") {
    expected = String(value).toLowerCase();
  } else if (field.kind === "timestamptz") {
    // PostgreSQL writes the instant in its own form; compare instants.
    return Date.parse(String(stored)) === Date.parse(String(value).replace(" ", "T"))
      ? undefined
      : `stored ${String(stored)}`;
  } else {
    expected = value;
  }
  return stored === expected
    ? undefined
    : `stored ${JSON.stringify(stored)}, expected ${JSON.stringify(expected)}`;
}

const runMajor = Number(process.env.PG_MAJOR ?? 17) as PostgresMajor;

describe.each([17, 15] as const)(
  "the usage event definition and log_ai_usage_batch on PostgreSQL %i",
  (major) => {
    let server: TestDatabase | undefined;
    let pool: pg.Pool;
    let cases: BoundaryCase[];

    beforeAll(async () => {
      // The run's server when it is this major, else a server of its own.
      let url: string;
      if (major === runMajor) {
        url = await createDatabase(inject("databaseUrl"), `sdk_${randomUUID().replaceAll("-", "")}`);
      } else {
        server = await startTestDatabase({ major });
        url = server.url;
      }
      pool = new pg.Pool({ connectionString: url, max: 2 });
      // An idle connection told to go when the server stops emits `error`; unheard, it fails the run.
      pool.on("error", () => undefined);
      const { rows } = await pool.query<{ now_ms: string }>(
        "select (extract(epoch from now()) * 1000)::bigint::text as now_ms",
      );
      cases = boundaryCases({ nowMs: Number(rows[0]!.now_ms) });
    });
    afterAll(async () => {
      await pool?.end();
      await server?.stop();
    });

    it("gets the server it asked for", async () => {
      const { rows } = await pool.query<{ major: string }>(
        "select current_setting('server_version_num') as major",
      );
      expect(Math.floor(Number(rows[0]!.major) / 10000)).toBe(major);
    });

    it("stores exactly what the definition accepts, every boundary of every field", async () => {
      const disagreements: string[] = [];
      for (const testCase of cases) {
        const { field, label, value, accepted } = testCase;
        const name = `${field.json} ${label}`;
        const event = withValue(baseEvent(`event-definition-${randomUUID()}`), field.json, value);
        const outcome = await logAsServiceRole(pool, event);
        if ("stored" in outcome !== accepted) {
          disagreements.push(
            `${name}: the definition ${accepted ? "accepts" : "refuses"} it, the database answered ${"stored" in outcome ? "stored" : `${outcome.code} ${outcome.message}`}`,
          );
          continue;
        }
        if ("stored" in outcome) {
          const problem = storedProblem(testCase, outcome.stored[field.json] ?? null);
          if (problem) disagreements.push(`${name}: ${problem}`);
        } else if (outcome.code !== "22023" || !outcome.message.startsWith(`event 0: ${field.json} `)) {
          // A clear refusal that names the field, never a crash inside the function.
          disagreements.push(`${name}: refused without naming the field: ${outcome.code} ${outcome.message}`);
        }
        if (BatchEventSchema.safeParse(event).success !== accepted) {
          disagreements.push(
            `${name}: BatchEventSchema ${accepted ? "refuses" : "accepts"} it, the database does not`,
          );
        }
      }
      expect(disagreements).toEqual([]);
      expect(cases.length).toBeGreaterThan(USAGE_EVENT_FIELDS.length * 5);
    });

    it("lets record() take what the definition says, and stores whatever record() takes", async () => {
      const disagreements: string[] = [];
      for (const { field, label, value, sdkAccepted } of cases) {
        const name = `${field.sdk.key} ${label}`;
        const base = baseEvent("unused");
        const input = withValue({ userId: base.user_id, modelUsed: base.model_used }, field.sdk.key, value);
        const parsed = UsageEventSchema.safeParse(input);
        if (parsed.success !== sdkAccepted) {
          disagreements.push(
            `${name}: the definition says record() ${sdkAccepted ? "takes" : "refuses"} it, zod does not`,
          );
          continue;
        }
        if (!parsed.success) continue;
        const event = parsed.data;
        // What the recorder sends: its own request id, the instant as toISOString().
        const sent = toBatchEvent(
          event,
          event.requestId ?? `event-definition-${randomUUID()}`,
          event.createdAt === undefined ? undefined : new Date(event.createdAt),
        );
        const outcome = await logAsServiceRole(pool, sent);
        if (!("stored" in outcome)) {
          disagreements.push(
            `${name}: record() takes it, but the database refuses what it sends: ${outcome.message}`,
          );
        }
      }
      expect(disagreements).toEqual([]);
    });

    it.each(
      USAGE_EVENT_FIELDS.filter((field) => field.sdk.key !== field.json).map(
        (field) => [field.json, field] as const,
      ),
    )("refuses %s under its SDK key, and record() refuses it under its JSON key", async (_, field) => {
      const valid = validValue(field, cases);
      const outcome = await logAsServiceRole(pool, {
        ...baseEvent(`event-definition-${randomUUID()}`),
        [field.sdk.key]: valid,
      });
      expect(outcome).toMatchObject({ code: "22023", message: `event 0: unknown field ${field.sdk.key}` });
      const base = baseEvent("unused");
      expect(
        UsageEventSchema.safeParse({ userId: base.user_id, modelUsed: base.model_used, [field.json]: valid })
          .success,
      ).toBe(false);
    });

    it("refuses a key the definition does not have", async () => {
      const outcome = await logAsServiceRole(pool, {
        ...baseEvent(`event-definition-${randomUUID()}`),
        input_token: 5,
      });
      expect(outcome).toMatchObject({ code: "22023", message: "event 0: unknown field input_token" });
      expect(BatchEventSchema.safeParse({ ...baseEvent("r"), input_token: 5 }).success).toBe(false);
    });

    it("stores every field of the definition in a column of its own, and has no event column it lacks", async () => {
      const { rows } = await pool.query<{ column_name: string; data_type: string; is_nullable: string }>(
        `select column_name, data_type, is_nullable from information_schema.columns
       where table_schema = 'public' and table_name = 'ai_usage_log'`,
      );
      const columns = new Map(rows.map((row) => [row.column_name, row]));
      const sqlType = {
        uuid: "uuid",
        text: "text",
        integer: "integer",
        enum: "text",
        timestamptz: "timestamp with time zone",
      };
      for (const field of USAGE_EVENT_FIELDS) {
        expect(columns.get(field.json), field.json).toMatchObject({
          data_type: sqlType[field.kind],
          is_nullable: "storedAsNull" in field.whenAbsent ? "YES" : "NO",
        });
      }
      // Everything else is the row's own: its id, and what pricing and the generated columns add.
      const derived = [...columns.keys()].filter(
        (name) => !USAGE_EVENT_FIELDS.some((field) => field.json === name),
      );
      expect(derived.sort()).toEqual(NOT_FROM_THE_EVENT);
    });
  },
);

const NOT_FROM_THE_EVENT = [
  "cache_read_cost_usd",
  "cache_read_price_per_mtok",
  "cache_write_1h_price_per_mtok",
  "cache_write_5m_price_per_mtok",
  "cache_write_cost_usd",
  "id",
  "input_cost_usd",
  "input_price_per_mtok",
  "output_cost_usd",
  "output_price_per_mtok",
  "price_id",
  "total_cost_usd",
  "total_tokens",
];

function validValue(field: UsageEventField, cases: BoundaryCase[]): unknown {
  const found = cases.find(
    (entry) => entry.field === field && entry.accepted && entry.value !== ABSENT && entry.value !== null,
  );
  if (!found) throw new Error(`no valid value for ${field.json}`);
  return found.value;
}
