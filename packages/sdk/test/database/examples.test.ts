import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCostSummary } from "../../src/index.js";
import { createPgTransport } from "../../src/pg.js";
import { type AnthropicFixture, startAnthropicFixture } from "../fixtures/anthropic-fixture.js";
import { type OpenAIFixture, startOpenAIFixture } from "../fixtures/openai-fixture.js";
import { type PostgrestFixture, startPostgrestFixture } from "../fixtures/postgrest-fixture.js";
import { reportingDay, rowsOf, useTestDatabase } from "../support/database.js";
import { JWT_SECRET, signJwt } from "../support/jwt.js";

const examplesFolder = new URL("../../examples/", import.meta.url);
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

describe("README examples (examples/*.ts, run as written against the test database and fixtures)", () => {
  const database = useTestDatabase();
  let postgrest: PostgrestFixture;
  let anthropic: AnthropicFixture;
  let openai: OpenAIFixture;

  beforeAll(async () => {
    postgrest = await startPostgrestFixture({ databaseUrl: database.url, jwtSecret: JWT_SECRET });
    anthropic = await startAnthropicFixture();
    openai = await startOpenAIFixture();
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      SUPABASE_URL: postgrest.url,
      SUPABASE_SERVICE_ROLE_KEY: await signJwt({ role: "service_role", iss: "supabase" }),
      SUPABASE_JWT_SECRET: JWT_SECRET,
      ANTHROPIC_API_KEY: "test-key",
      ANTHROPIC_BASE_URL: anthropic.url,
      OPENAI_API_KEY: "test-key",
      OPENAI_BASE_URL: `${openai.url}/v1`,
    });
  });
  afterAll(async () => {
    await Promise.all([postgrest?.close(), anthropic?.close(), openai?.close()]);
  });

  it.each(readdirSync(examplesFolder).filter((name) => name.endsWith(".ts")))(
    "README.md shows examples/%s verbatim",
    (name) => {
      const code = readFileSync(new URL(name, examplesFolder), "utf8");
      expect(readme).toContain(`\`\`\`ts\n// examples/${name}\n${code}\`\`\``);
    },
  );

  it("examples/pg.ts", async () => {
    const { dashboard, myUsage } = await import("../../examples/pg.js");
    expect(await rowsOf(database.pool, "5d0f3c52-2a8e-4b8e-9a51-0d6b1f0e7a11")).toHaveLength(1);
    expect(dashboard.summary.total_requests).toBeGreaterThanOrEqual(1);
    expect(myUsage.recent_requests[0]).toMatchObject({
      request_id: "msg_01XFDUDYJgAACzvnptvVoYEL",
      customer_id: 42,
    });
  });

  it("examples/prisma.ts", async () => {
    const { time_zone } = await getCostSummary(createPgTransport(database.pool));
    const dayBefore = await reportingDay(database.pool, time_zone);
    const { costs, reconciled } = await import("../../examples/prisma.js");
    expect(await rowsOf(database.pool, "0b7e2a40-8c3d-4f51-b6a2-3f9d7c1e5a20")).toEqual([
      expect.objectContaining({ model_used: "gpt-4o-2024-08-06", total_cost_usd: "0.004750000000" }),
    ]);
    // If midnight passed in the reporting zone while the example ran, its event is yesterday's.
    const crossedMidnight = (await reportingDay(database.pool, time_zone)) !== dayBefore;
    expect(costs.requests_today).toBeGreaterThanOrEqual(crossedMidnight ? 0 : 1);
    expect(reconciled.ok).toBe(true);
  });

  it("examples/supabase.ts", async () => {
    const { dashboard, flushed } = await import("../../examples/supabase.js");
    expect(flushed).toMatchObject({ drained: true, pending: 0, failure: undefined });
    expect(dashboard.by_request_type.map((row) => row.request_type)).toContain("widget");
    expect(await rowsOf(database.pool, "9a4c1e77-3b2d-4c6f-8e1a-5d7b9f0c2e44")).toHaveLength(1);
    expect(postgrest.requests).toBeGreaterThanOrEqual(2);
  });

  it("examples/anthropic.ts", async () => {
    const { results } = await import("../../examples/anthropic.js");
    const rows = await rowsOf(database.pool, "3f1d5b9e-7a2c-4e8d-9b6f-1c0a2e4d6f88");
    expect(rows).toHaveLength(3);
    expect(rows.map((row) => row.request_id)).toEqual(
      expect.arrayContaining([results.message.id, results.final.id]),
    );
    expect(rows.find((row) => row.request_id === results.final.id)).toMatchObject({ customer_id: 42 });
    expect(rows.every((row) => row.total_cost_usd === "0.010575000000")).toBe(true);
  });

  it("examples/auth.ts", async () => {
    const { myUsage, close } = await import("../../examples/auth.js");
    const userId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    const session = {
      sub: userId,
      role: "authenticated",
      aud: "authenticated",
      iss: `${postgrest.url}/auth/v1`,
    };
    const ask = (token?: string) =>
      myUsage(
        new Request(
          "http://app.local/my-usage",
          token ? { headers: { authorization: `Bearer ${token}` } } : {},
        ),
      );
    type Answer = { period: { days: number }; error: { code: string; message: string } };
    const body = async (response: Response) => (await response.json()) as Answer;
    try {
      const own = await ask(await signJwt(session));
      expect(own.status).toBe(200);
      expect((await body(own)).period.days).toBe(7);
      expect((await body(await ask())).error.code).toBe("missing_token");
      const serviceRole = await ask(await signJwt({ ...session, role: "service_role" }));
      expect(serviceRole.status).toBe(403);
      expect((await body(serviceRole)).error.code).toBe("role_not_allowed");
      const otherProject = await ask(await signJwt({ ...session, iss: "https://other.supabase.co/auth/v1" }));
      expect(otherProject.status).toBe(401);
      expect((await body(otherProject)).error).toMatchObject({
        code: "claim_invalid",
        message: /iss claim/,
      });
    } finally {
      await close();
    }
  });

  it("examples/budgets.ts", async () => {
    const before = anthropic.requests.length;
    const { answered, statusLine, refused } = await import("../../examples/budgets.js");
    expect(answered).toEqual({ status: 200, body: { text: "Hello there" } });
    expect(statusLine).toMatch(/^\$0\.01 of \$5\.00 this month, resets \d+ \w+$/);
    expect(refused).toMatchObject({
      status: 402,
      body: {
        error: {
          code: "budget_exceeded",
          message: expect.stringMatching(
            /^Monthly AI budget reached: \$0\.01 of \$0\.01 used; resets \d+ \w+ \d{4}\.$/,
          ),
          budget: { scope: "user", period: "month", limit_usd: 0.01, spent_usd: 0.010575, held_usd: 0 },
        },
      },
    });
    // The refused call never reached the upstream.
    expect(anthropic.requests.length - before).toBe(1);
  });

  it("examples/openai.ts", async () => {
    const { completion, response } = await import("../../examples/openai.js");
    const rows = await rowsOf(database.pool, "c2a8e6f0-1d3b-4a5c-8e7f-9b0d2c4e6a13");
    expect(rows).toHaveLength(3);
    expect(rows.map((row) => row.request_id)).toEqual(expect.arrayContaining([completion.id, response.id]));
    expect(rows.every((row) => row.session_id === "conv-17" && row.cache_read_tokens === 1000)).toBe(true);
    expect(openai.requests.find((request) => request.body.stream)?.body.stream_options).toEqual({
      include_usage: true,
    });
  });
  it("examples/prices.ts", async () => {
    const { entry, alias, explained } = await import("../../examples/prices.js");
    expect(entry).toMatchObject({
      priceId: expect.stringMatching(/^\d+$/),
      storedRows: 0,
      warning: expect.any(String),
    });
    expect(alias).toEqual({ alias: "prod-gpt4o-eu", model: "gpt-4o-2024-08-06", storedRows: 0 });
    expect(explained.candidates.map((candidate) => candidate.model_match)).toContain(
      "claude-sonnet-4-20250514",
    );
    expect(explained.price).toMatchObject({ provider: "anthropic" });
  });

  it("examples/anthropic-batch.ts", async () => {
    const userId = "e1b7c3a9-5d2f-4e8b-a6c0-9f4d2b7e1a35";
    const { rows } = await database.pool.query<{ ended: string }>(
      "select to_char(now() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') as ended",
    );
    const message = (id: string) => ({
      id,
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4-20250514",
      content: [{ type: "text", text: "Report" }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: { input_tokens: 1200, output_tokens: 300, service_tier: "batch" },
    });
    anthropic.putBatch({
      id: "msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d",
      processingStatus: "ended",
      createdAt: rows[0]!.ended,
      endedAt: rows[0]!.ended,
      results: [
        {
          custom_id: `${userId}:weekly`,
          result: { type: "succeeded", message: message("msg_batch_example_1") },
        },
        { custom_id: `${userId}:monthly`, result: { type: "expired" } },
      ],
    });
    const { summary } = await import("../../examples/anthropic-batch.js");
    expect(summary).toMatchObject({ processingStatus: "ended", recorded: 1, expired: 1, refused: [] });
    expect(await rowsOf(database.pool, userId)).toEqual([
      expect.objectContaining({
        request_id: "msg_batch_example_1",
        session_id: "weekly",
        request_type: "batch-report",
      }),
    ]);
  });
});
