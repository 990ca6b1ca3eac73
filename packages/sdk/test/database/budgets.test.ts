import { createServer, type Server } from "node:net";
import { createPrismaClient } from "@org/ai-usage-db/client";
import { createClient } from "@supabase/supabase-js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createBudgetGuard,
  describeBudgetStatus,
  endBudget,
  getBudgetStatus,
  listBudgets,
  reconcileBudgets,
  setBudget,
  UsageBudgetExceededError,
  UsageConnectionError,
  UsageDatabaseError,
  UsagePermissionError,
  UsageValidationError,
} from "../../src/index.js";
import { createPgTransport } from "../../src/pg.js";
import { createPrismaTransport } from "../../src/prisma.js";
import { createSupabaseTransport } from "../../src/supabase.js";
import { type PostgrestFixture, startPostgrestFixture } from "../fixtures/postgrest-fixture.js";
import { holdsOf } from "../support/budgets.js";
import { newUserId, userClaims, useTestDatabase } from "../support/database.js";
import { JWT_SECRET, signJwt } from "../support/jwt.js";

describe("budget guard, status and admin helpers (real PostgreSQL)", () => {
  const database = useTestDatabase();
  let postgrest: PostgrestFixture;
  const server = () => createPgTransport(database.pool);
  const asUser = (userId: string) =>
    createPgTransport(database.pool, { identity: { role: "authenticated", claims: userClaims(userId) } });

  beforeAll(async () => {
    postgrest = await startPostgrestFixture({ databaseUrl: database.url, jwtSecret: JWT_SECRET });
  });
  afterAll(async () => {
    await postgrest?.close();
  });

  it("setBudget / listBudgets / endBudget: one budget per target and period, ended on request", async () => {
    const userId = newUserId();
    const first = await setBudget(server(), { scope: "user", userId, limitUsd: 5, name: "Ada monthly" });
    expect(first).toMatchObject({
      scope: "user",
      user_id: userId,
      period: "month",
      mode: "hard",
      limit_usd: 5,
      thresholds: [50, 80, 100],
      spent_usd: 0,
      held_usd: 0,
      exhausted: false,
      effective_to: null,
    });
    // A new limit for the same target and period ends the one in force.
    const raised = await setBudget(server(), { scope: "user", userId, limitUsd: 8, thresholds: [90, 25] });
    expect(raised.thresholds).toEqual([25, 90]);
    const inForce = (await listBudgets(server())).filter((budget) => budget.user_id === userId);
    expect(inForce.map((budget) => budget.budget_id)).toEqual([raised.budget_id]);
    const ended = await endBudget(server(), raised.budget_id);
    expect(ended.effective_to).not.toBeNull();
    expect((await listBudgets(server())).some((budget) => budget.user_id === userId)).toBe(false);
    const history = (await listBudgets(server(), { includeEnded: true })).filter((b) => b.user_id === userId);
    expect(history.map((budget) => budget.budget_id).sort()).toEqual(
      [first.budget_id, raised.budget_id].sort(),
    );
  });

  it("admin helpers check their input first, and the database answers what it refuses", async () => {
    await expect(setBudget(server(), { scope: "user", limitUsd: 5 })).rejects.toThrow(
      /setBudget.userId: a user budget needs userId/,
    );
    await expect(setBudget(server(), { scope: "project", limitUsd: 0 })).rejects.toBeInstanceOf(
      UsageValidationError,
    );
    const missing = await endBudget(server(), "999999999").catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(UsageDatabaseError);
    expect((missing as UsageDatabaseError).code).toBe("P0002");
    await expect(setBudget(asUser(newUserId()), { scope: "project", limitUsd: 5 })).rejects.toBeInstanceOf(
      UsagePermissionError,
    );
  });

  it("reserve by a stated cost, release once; a refusal carries the figures", async () => {
    const userId = newUserId();
    const guard = createBudgetGuard({ transport: server(), whenUnavailable: "closed" });
    await setBudget(server(), { scope: "user", userId, limitUsd: 1 });
    const hold = await guard.reserve({ userId, maxCostUsd: 0.75 });
    expect(hold).toMatchObject({ amountUsd: 0.75, unchecked: false });
    expect(hold.holdId).toMatch(/^[0-9a-f-]{36}$/);
    expect(hold.expiresAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);

    const refused = await guard.reserve({ userId, maxCostUsd: 0.5 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UsageBudgetExceededError);
    expect(refused).toMatchObject({ spentUsd: 0, heldUsd: 0.75, requestUsd: 0.5, limitUsd: 1 });

    expect(await guard.release(hold.holdId!)).toBe(true);
    expect(await guard.release(hold.holdId!)).toBe(false);
    expect((await holdsOf(database.pool, userId))[0]?.released_at).not.toBeNull();
    expect(await guard.reserve({ userId, maxCostUsd: 0.5 })).toMatchObject({ amountUsd: 0.5 });
  });

  it("a model without a price cannot be bounded: refused under a hard budget as unpriced_model", async () => {
    const userId = newUserId();
    await setBudget(server(), { scope: "user", userId, limitUsd: 1 });
    const guard = createBudgetGuard({ transport: server(), whenUnavailable: "closed" });
    const refused = await guard
      .reserve({ userId, model: "no-such-model-anywhere", maxInputTokens: 10, maxOutputTokens: 10 })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UsageBudgetExceededError);
    expect(refused).toMatchObject({ reason: "unpriced_model", requestUsd: null });
  });

  it("a transport that is not the server is a setup error: thrown even when failing open", async () => {
    const userId = newUserId();
    const guard = createBudgetGuard({ transport: asUser(userId), whenUnavailable: "open" });
    await expect(guard.reserve({ userId, maxCostUsd: 0.01 })).rejects.toBeInstanceOf(UsagePermissionError);
  });

  it("a database that does not answer in time counts as unavailable", async () => {
    // Accepts connections and never says a word.
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    const pool = new pg.Pool({
      connectionString: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    });
    pool.on("error", () => undefined);
    try {
      const guard = createBudgetGuard({
        transport: createPgTransport(pool),
        whenUnavailable: "closed",
        timeoutMs: 200,
      });
      const error = await guard
        .reserve({ userId: newUserId(), maxCostUsd: 0.01 })
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(UsageConnectionError);
      expect((error as Error).message).toContain("no answer within 200 ms");
    } finally {
      silent.close();
      void pool.end().catch(() => undefined);
    }
  });

  it("getBudgetStatus: a user sees their own figures, only whether a shared budget has room, and nobody else's", async () => {
    const userId = newUserId();
    await setBudget(server(), { scope: "user", userId, limitUsd: 5, period: "week" });
    // Soft: it covers every caller in this file's database without refusing anyone.
    await setBudget(server(), { scope: "project", limitUsd: 1000, mode: "soft", name: "everyone" });
    const guard = createBudgetGuard({ transport: server(), whenUnavailable: "closed" });
    await guard.reserve({ userId, maxCostUsd: 0.25 });

    const own = await getBudgetStatus(asUser(userId));
    const mine = own.find((status) => status.scope === "user")!;
    const shared = own.find((status) => status.scope === "project")!;
    expect(mine).toMatchObject({
      limit_usd: 5,
      spent_usd: 0,
      held_usd: 0.25,
      remaining_usd: 4.75,
      exhausted: false,
    });
    expect(describeBudgetStatus(mine)).toMatch(/^\$0\.00 of \$5\.00 this week, resets \d+ \w+$/);
    expect(shared).toMatchObject({ limit_usd: null, spent_usd: null, held_usd: null, exhausted: false });
    expect(describeBudgetStatus(shared)).toMatch(/^shared budget available this month, resets \d+ \w+$/);

    await expect(getBudgetStatus(asUser(newUserId()), { userId })).rejects.toBeInstanceOf(
      UsagePermissionError,
    );
    const forServer = await getBudgetStatus(server(), { userId });
    expect(forServer.find((status) => status.scope === "project")!.limit_usd).toBe(1000);
  });

  it("through supabase-js (PostgREST): an admin sets a budget with its thresholds, the user reads it", async () => {
    const userId = newUserId();
    const admin = newUserId();
    const anonKey = await signJwt({ role: "anon", iss: "supabase" });
    const as = async (id: string, isAdmin: boolean) =>
      createSupabaseTransport(
        createClient(postgrest.url, anonKey, {
          auth: { persistSession: false, autoRefreshToken: false },
          global: { headers: { Authorization: `Bearer ${await signJwt(userClaims(id, isAdmin))}` } },
        }),
      );
    const set = await setBudget(await as(admin, true), {
      scope: "user",
      userId,
      limitUsd: 2.5,
      period: "day",
      thresholds: [75],
    });
    expect(set).toMatchObject({ limit_usd: 2.5, period: "day", thresholds: [75] });
    const [status] = (await getBudgetStatus(await as(userId, false))).filter(
      (budget) => budget.scope === "user",
    );
    expect(status!.budget_id).toBe(set.budget_id);
    expect(describeBudgetStatus(status!)).toMatch(/^\$0\.00 of \$2\.50 today, resets \d+ \w+$/);
  });

  it("through Prisma: the same admin and guard calls (an array parameter, a bigint id)", async () => {
    const prisma = createPrismaClient(database.url);
    try {
      const transport = createPrismaTransport(prisma);
      const userId = newUserId();
      const set = await setBudget(transport, { scope: "user", userId, limitUsd: 3, thresholds: [10, 20] });
      expect(set.thresholds).toEqual([10, 20]);
      const guard = createBudgetGuard({ transport, whenUnavailable: "closed" });
      const hold = await guard.reserve({
        userId,
        model: "claude-sonnet-4-20250514",
        maxInputTokens: 1000,
        maxOutputTokens: 100,
      });
      // 1000 input tokens at the dearest input rate (1-hour cache writes, $6) + 100 x $15, per million.
      expect(hold.amountUsd).toBeCloseTo(0.0075, 9);
      expect(await guard.release(hold.holdId!)).toBe(true);
      expect((await endBudget(transport, set.budget_id)).effective_to).not.toBeNull();
    } finally {
      await prisma.$disconnect();
    }
  });

  it("reconcileBudgets: counters equal recorded spend plus open holds", async () => {
    const result = await reconcileBudgets(server());
    expect(result.ok).toBe(true);
    expect(result.budgets.length).toBeGreaterThan(0);
  });
});
