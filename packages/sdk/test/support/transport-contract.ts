import { expect, it } from "vitest";
import { callFunction } from "../../src/database/call-function.js";
import {
  createUsageRecorder,
  deleteModelAlias,
  explainModelPrice,
  getCostSummary,
  getUsageDashboard,
  getUserUsage,
  rebuildSummaries,
  reconcileSummaries,
  repriceUsage,
  setModelAlias,
  setModelPrice,
  setReportingTimeZone,
  setSelfLogging,
  UsageDashboardSchema,
  UsageDatabaseError,
  type UsageError,
  type UsageEventInput,
  UsageEventsDroppedError,
  UsagePermissionError,
  type UsageSink,
  type UsageTransport,
} from "../../src/index.js";
import { type DatabaseHandle, newUserId, reportingDay, rowsOf } from "./database.js";

export interface TransportFactories {
  database: DatabaseHandle;
  /** Writes as the server (service role / table owner). */
  serverSink(): UsageSink;
  /** Calls as the server. */
  serverTransport(): UsageTransport;
  /** Calls as an authenticated user (admin or not); undefined when the transport has no identities. */
  userTransport?(userId: string, admin: boolean): UsageTransport;
  /** Writes as an authenticated (non-server) user. */
  userSink?(userId: string): UsageSink;
  /** Status the transport reports with a database error (PostgREST's HTTP status, or undefined). */
  statusFor?(code: string): number | undefined;
}

// claude-sonnet-4 per million: input 3, output 15, cache write 5m 3.75, 1h 6, cache read 0.30.
const SONNET_EVENT = {
  modelUsed: "claude-sonnet-4-20250514",
  provider: "anthropic",
  inputTokens: 1000,
  outputTokens: 500,
  cacheWrite5mTokens: 2000,
  cacheWrite1hTokens: 1000,
  cacheReadTokens: 3000,
} satisfies Partial<UsageEventInput>;
const SONNET_EVENT_COST = "0.024900000000"; // (3000 + 7500 + 7500 + 6000 + 900) / 1e6

async function record(sink: UsageSink, events: UsageEventInput[]) {
  const errors: UsageError[] = [];
  const recorder = createUsageRecorder({ sink, onError: (error) => errors.push(error), batchSize: 50 });
  const ids = events.map((event) => recorder.record(event));
  // Generous: a loaded CI machine may take seconds for a first connection.
  const closed = await recorder.close({ timeoutMs: 60_000 });
  return { ids, errors, stats: closed.stats };
}

/** The same behaviour, checked against a real PostgreSQL, for every transport. */
export function transportContract(f: TransportFactories): void {
  it("sink: stores each event with its buckets, priced from the database catalog", async () => {
    const userId = newUserId();
    const { ids, errors, stats } = await record(f.serverSink(), [
      {
        ...SONNET_EVENT,
        userId,
        userEmail: "ada@example.com",
        customerId: 42,
        sessionId: "s-1",
        latencyMs: 812,
      },
      {
        userId,
        modelUsed: "gpt-4o",
        provider: "openai",
        inputTokens: 200,
        cacheReadTokens: 1000,
        outputTokens: 300,
      },
      { userId, modelUsed: "unlisted-model-x", status: "error", errorMessage: "x".repeat(5000) },
    ]);
    expect(errors).toEqual([]);
    expect(stats).toMatchObject({ accepted: 3, written: 3, dropped: 0 });
    const rows = await rowsOf(f.database.pool, userId);
    expect(rows.map((row) => row.request_id).sort()).toEqual([...ids].sort());
    const byModel = Object.fromEntries(rows.map((row) => [row.model_used, row]));
    expect(byModel["claude-sonnet-4-20250514"]).toMatchObject({
      input_tokens: 1000,
      output_tokens: 500,
      cache_write_5m_tokens: 2000,
      cache_write_1h_tokens: 1000,
      cache_read_tokens: 3000,
      total_cost_usd: SONNET_EVENT_COST,
      user_email: "ada@example.com",
      customer_id: 42,
      session_id: "s-1",
      latency_ms: 812,
      provider: "anthropic",
    });
    // gpt-4o: 200 x 2.50 + 1000 x 1.25 + 300 x 10 = 4750 per million.
    expect(byModel["gpt-4o"]?.total_cost_usd).toBe("0.004750000000");
    expect(byModel["unlisted-model-x"]).toMatchObject({ total_cost_usd: null, status: "error" });
    expect(byModel["unlisted-model-x"]?.error_message).toHaveLength(4000);
  });

  it("sink: a repeated request id is stored and counted once", async () => {
    const userId = newUserId();
    const requestId = `msg_${newUserId()}`;
    const { stats } = await record(f.serverSink(), [
      { ...SONNET_EVENT, userId, requestId },
      { ...SONNET_EVENT, userId, requestId },
    ]);
    const again = await record(f.serverSink(), [{ ...SONNET_EVENT, userId, requestId }]);
    expect(stats).toMatchObject({ written: 2, duplicates: 1 });
    expect(again.stats).toMatchObject({ written: 1, duplicates: 1 });
    expect(await rowsOf(f.database.pool, userId)).toHaveLength(1);
  });

  it("reports: dashboard, user usage and cost summary parse and agree with the log", async () => {
    const userId = newUserId();
    const transport = f.serverTransport();
    const { time_zone } = await getCostSummary(transport);
    const dayBefore = await reportingDay(f.database.pool, time_zone);
    const { ids } = await record(f.serverSink(), [
      { ...SONNET_EVENT, userId, requestType: "insight" },
      { ...SONNET_EVENT, userId, requestType: "insight" },
    ]);
    const dashboard = await getUsageDashboard(transport, { days: 7 });
    expect(dashboard.period.days).toBe(7);
    expect(dashboard.daily_trend).toHaveLength(7);
    const mine = dashboard.by_user.find((row) => row.user_id === userId);
    expect(mine).toMatchObject({ request_count: 2, total_cost: 0.0498 });
    const usage = await getUserUsage(transport, { userId, days: 2 }); // today and yesterday: see below
    expect(usage.summary).toMatchObject({ total_requests: 2, total_cost_usd: 0.0498 });
    expect(usage.recent_requests.map((row) => row.request_id).sort()).toEqual([...ids].sort());
    expect(usage.recent_requests[0]).toMatchObject({
      cost: 0.0249,
      cache_write_tokens: 3000,
      request_type: "insight",
    });
    const costs = await getCostSummary(transport);
    // If midnight passed in the reporting zone since the events were stamped, they are yesterday's.
    const crossedMidnight = (await reportingDay(f.database.pool, time_zone)) !== dayBefore;
    expect(costs.requests_today).toBeGreaterThanOrEqual(crossedMidnight ? 0 : 2);
    expect(crossedMidnight ? costs.today + costs.yesterday : costs.today).toBeGreaterThanOrEqual(0.05);
  });

  it("errors: a bad argument keeps its SQLSTATE (22023)", async () => {
    const error = await callFunction(
      f.serverTransport(),
      {
        name: "get_ai_usage_dashboard",
        args: [{ name: "p_days", value: 0, type: "integer" }],
        returns: "value",
      },
      UsageDashboardSchema,
    ).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UsageDatabaseError);
    expect(error).toMatchObject({ code: "22023", retryable: false, status: f.statusFor?.("22023") });
  });

  it("admin functions: time zone, reconcile, reprice", async () => {
    const transport = f.serverTransport();
    expect(await setReportingTimeZone(transport, "europe/berlin")).toBe("Europe/Berlin");
    expect(await setReportingTimeZone(transport, "UTC")).toBe("UTC");
    const unknownZone = await setReportingTimeZone(transport, "Mars/Olympus").catch(
      (thrown: unknown) => thrown,
    );
    expect(unknownZone).toMatchObject({ name: "UsageDatabaseError", code: "22023" });
    const reconciled = await reconcileSummaries(transport);
    expect(reconciled).toMatchObject({ ok: true, mismatches: 0 });
    const model = `in-house-${newUserId()}`;
    await record(f.serverSink(), [
      { userId: newUserId(), modelUsed: model, provider: "acme", inputTokens: 10 },
    ]);
    expect(await repriceUsage(transport, { model })).toBe(0);
    const entry = await setModelPrice(transport, {
      provider: "acme",
      modelMatch: model,
      effectiveFrom: "2020-01-01T00:00:00Z",
      inputPerMtok: 1,
      outputPerMtok: 2,
      cacheReadPerMtok: 0.1,
      source: "sdk test",
    });
    // The one stored row of the model is what the entry would price.
    expect(entry).toEqual({ priceId: expect.stringMatching(/^\d+$/), storedRows: 1, warning: null });
    expect(await repriceUsage(transport, { model, from: new Date("2020-01-01T00:00:00Z") })).toBe(1);
    const { rows } = await f.database.pool.query(
      "select total_cost_usd::text as cost, cache_read_price_per_mtok::text as read from public.ai_usage_log where model_used = $1",
      [model],
    );
    expect(rows).toEqual([{ cost: "0.000010000000", read: "0.100000" }]); // 10 x $1/M; cache read as given
    expect(await rebuildSummaries(transport)).toBeGreaterThanOrEqual(1);
    expect((await reconcileSummaries(transport)).ok).toBe(true);
  });

  it("price catalog admin: a tier entry, the explanation, an alias", async () => {
    const transport = f.serverTransport();
    const model = `in-house-${newUserId()}`;
    const tierEntry = {
      provider: "acme",
      modelMatch: model,
      effectiveFrom: "2020-01-01T00:00:00Z",
      inputPerMtok: 4,
      outputPerMtok: 8,
      cacheReadPerMtok: 1,
      serviceTier: "priority",
    } as const;
    const nothingStored = await setModelPrice(transport, tierEntry);
    expect(nothingStored).toMatchObject({ storedRows: 0, warning: expect.any(String) });
    await setModelPrice(transport, {
      ...tierEntry,
      serviceTier: undefined,
      inputPerMtok: 2,
      cacheReadPerMtok: 0.5,
    });
    const explained = await explainModelPrice(transport, {
      model,
      provider: "acme",
      serviceTier: "priority",
    });
    expect(explained).toMatchObject({
      model_used: model,
      alias: null,
      tier_fallback: false,
      price: {
        id: nothingStored.priceId,
        service_tier: "priority",
        input_per_mtok: 4,
        cache_write_5m_per_mtok: 4,
      },
    });
    // A tier without an entry of its own is priced at standard, and says so.
    expect(await explainModelPrice(transport, { model, serviceTier: "flex" })).toMatchObject({
      tier_fallback: true,
      price: { service_tier: "standard", input_per_mtok: 2 },
    });

    const deployment = `deployment-${newUserId()}`;
    expect(await setModelAlias(transport, { alias: deployment, model, note: "sdk test" })).toEqual({
      alias: deployment,
      model,
      storedRows: 0,
    });
    const userId = newUserId();
    await record(f.serverSink(), [
      { userId, modelUsed: deployment, provider: "acme", inputTokens: 1000, serviceTier: "priority" },
    ]);
    const { rows } = await f.database.pool.query(
      "select service_tier, total_cost_usd::text as cost from public.ai_usage_log where user_id = $1",
      [userId],
    );
    expect(rows).toEqual([{ service_tier: "priority", cost: "0.004000000000" }]); // 1000 x $4/M
    expect((await explainModelPrice(transport, { model: deployment })).alias).toEqual({
      alias: deployment,
      model,
    });
    expect(await deleteModelAlias(transport, deployment)).toBe(true);
    expect(await deleteModelAlias(transport, deployment)).toBe(false);
  });

  if (f.userTransport) {
    const userTransport = f.userTransport;
    it("permissions: a user reads their own usage; anything else is UsagePermissionError", async () => {
      const userId = newUserId();
      await record(f.serverSink(), [{ ...SONNET_EVENT, userId }]);
      const asUser = userTransport(userId, false);
      expect((await getUserUsage(asUser, { userId })).summary.total_requests).toBe(1);
      for (const attempt of [
        () => getUserUsage(asUser, { userId: newUserId() }),
        () => getUsageDashboard(asUser),
        () => getCostSummary(asUser),
        () => reconcileSummaries(asUser),
        () => setReportingTimeZone(asUser, "UTC"),
        () => setSelfLogging(asUser, true),
        () => rebuildSummaries(asUser),
        () =>
          setModelPrice(asUser, {
            provider: "x",
            modelMatch: "y",
            effectiveFrom: new Date(),
            inputPerMtok: 0,
            outputPerMtok: 0,
            cacheReadPerMtok: 0,
          }),
        () => repriceUsage(asUser, { model: "gpt-4o" }),
        () => setModelAlias(asUser, { alias: "mine", model: "gpt-4o" }),
        () => deleteModelAlias(asUser, "mine"),
      ]) {
        const error = await attempt().catch((thrown: unknown) => thrown);
        expect(error).toBeInstanceOf(UsagePermissionError);
        expect(error).toMatchObject({
          code: "42501",
          retryable: false,
          context: { status: f.statusFor?.("42501") },
        });
      }
      // Any signed-in user may ask how a model id is priced.
      expect((await explainModelPrice(asUser, { model: "claude-sonnet-4-20250514" })).model_used).toBe(
        "claude-sonnet-4-20250514",
      );
      const asAdmin = userTransport(newUserId(), true);
      expect((await getUserUsage(asAdmin, { userId })).summary.total_requests).toBe(1);
      // Today and yesterday: midnight may pass in the reporting zone since the row was stamped.
      expect((await getUsageDashboard(asAdmin, { days: 2 })).summary.total_requests).toBeGreaterThanOrEqual(
        1,
      );
    });
  }

  if (f.userSink) {
    const userSink = f.userSink;
    it("permissions: a user cannot log usage (42501 is reported and dropped, not retried)", async () => {
      const userId = newUserId();
      const { errors, stats } = await record(userSink(userId), [{ ...SONNET_EVENT, userId }]);
      expect(stats).toMatchObject({ written: 0, dropped: 1, retried: 0 });
      expect(errors[0]).toBeInstanceOf(UsageEventsDroppedError);
      expect(errors[0]!.cause).toBeInstanceOf(UsagePermissionError);
      expect(await rowsOf(f.database.pool, userId)).toEqual([]);
    });
  }
}
