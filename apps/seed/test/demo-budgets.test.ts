import { prepareDemoDatabase, silentProgress, startOfDatabaseUtcDay } from "@org/ai-usage-data/database";
import { type BudgetStatus, listBudgetAlerts, listBudgets, reconcileBudgets } from "@org/ai-usage-sdk";
import { createPgTransport } from "@org/ai-usage-sdk/pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAdminReport } from "../src/demo/admin-report.js";
import { smallestCustomerLimitUsd, smallestUserLimitUsd } from "../src/demo/budgets/demo-budget-limits.js";
import { seedDemoBudgets } from "../src/demo/budgets/seed-demo-budgets.js";
import { readInOneSnapshot } from "../src/demo/read-in-one-snapshot.js";
import { renderAdminReport } from "../src/demo/render-report.js";
import { type FreshDatabase, freshDatabase } from "./fresh-database.js";
import { runCli } from "./run-cli.js";

const smallDemo = { events: 3_000, days: 70, users: 40, customers: 10, seed: 11 };

let database: FreshDatabase;
let seeded: Awaited<ReturnType<typeof seedDemoBudgets>>;
beforeAll(async () => {
  database = await freshDatabase();
  const end = await startOfDatabaseUtcDay(database.pool);
  await prepareDemoDatabase(database.pool, database.url, end, () => silentProgress, smallDemo);
  seeded = await seedDemoBudgets(database.pool);
});
afterAll(() => database.close());

const transport = () => createPgTransport(database.pool);
const byScope = (budgets: readonly BudgetStatus[], scope: BudgetStatus["scope"]) =>
  budgets.find((budget) => budget.scope === scope)!;

describe("the demo's budgets", () => {
  // Whatever the date: early in a month the demo's own requests bring each budget to its state.
  it("sets a user near a hard cap, a customer past a soft budget and a project budget", async () => {
    const budgets = await listBudgets(transport());
    expect(budgets.map((budget) => [budget.scope, budget.mode, budget.period])).toEqual([
      ["customer", "soft", "month"],
      ["user", "hard", "month"],
      ["project", "hard", "month"],
    ]);
    const user = byScope(budgets, "user");
    expect(user.percent_used).toBeGreaterThanOrEqual(88);
    expect(user.percent_used).toBeLessThan(93);
    expect(user.exhausted).toBe(false);
    expect(user.held_usd).toBe(0);
    expect(byScope(budgets, "customer").percent_used).toBeGreaterThanOrEqual(125);
    const project = byScope(budgets, "project");
    expect(project.percent_used).toBeGreaterThan(59);
    expect(project.percent_used).toBeLessThanOrEqual(60);
    expect(seeded.requests).toBeGreaterThanOrEqual(2);
  });

  it("made its requests through holds, which the usage settled: budgets reconcile", async () => {
    const holds = await database.pool.query<{ settled: number; open: number }>(
      `select count(*) filter (where settled_at is not null)::int as settled,
              count(*) filter (where settled_at is null)::int as open from ai_usage_budget_holds`,
    );
    expect(holds.rows[0]).toEqual({ settled: seeded.requests, open: 0 });
    expect((await reconcileBudgets(transport())).ok).toBe(true);
  });

  it("wrote the alerts of the thresholds each budget is past, once each", async () => {
    const budgets = await listBudgets(transport());
    const alerts = await listBudgetAlerts(transport());
    const crossed = (scope: BudgetStatus["scope"]) =>
      alerts
        .filter((alert) => alert.budget_id === byScope(budgets, scope).budget_id)
        .map((alert) => alert.threshold_percent)
        .sort((a, b) => a - b);
    expect(crossed("user")).toEqual([50, 80]);
    expect(crossed("customer")).toEqual([50, 80, 100]);
    expect(crossed("project")).toEqual([]); // set last: no usage has been written since
  });

  it("leaves a database that has budgets alone", async () => {
    const before = await listBudgets(transport(), { includeEnded: true });
    expect(await seedDemoBudgets(database.pool)).toEqual({ budgets: [], requests: 0 });
    expect(await listBudgets(transport(), { includeEnded: true })).toHaveLength(before.length);
  });

  it("prints them with what their users read, and the alerts", async () => {
    const report = await readInOneSnapshot(database.pool, (reader) => buildAdminReport(reader, 30));
    expect(report.budgets).toHaveLength(3);
    const text = renderAdminReport(report);
    for (const budget of report.budgets) expect(text).toContain(budget.name!);
    expect(text).toMatch(/\$[\d,.]+ of \$[\d,.]+ this month, resets 1 \w+/);
    expect(text).toContain("(over)");
    expect(text).toContain("waiting for a dispatcher");
  });
});

describe("the demo's budgets at the start of a month", () => {
  // Data that ends before this month began (a UTC midnight at or before its first instant in the
  // reporting zone): the state at the very start of any month, whatever today's date.
  it("makes the requests that bring each budget to its state, from the smallest limits", async () => {
    const empty = await freshDatabase();
    try {
      const { rows } = await empty.pool.query<{ end: Date }>(
        `select date_trunc('day', date_trunc('month', now() at time zone z) at time zone z, 'UTC') as end
         from ai_usage_private.ai_usage_reporting_time_zone() z`,
      );
      await prepareDemoDatabase(empty.pool, empty.url, rows[0]!.end, () => silentProgress, smallDemo);
      const outcome = await seedDemoBudgets(empty.pool);
      const user = byScope(outcome.budgets, "user");
      const customer = byScope(outcome.budgets, "customer");
      expect([user.limit_usd, customer.limit_usd]).toEqual([smallestUserLimitUsd, smallestCustomerLimitUsd]);
      expect(user.percent_used).toBeGreaterThanOrEqual(89);
      expect(user.percent_used).toBeLessThan(91);
      expect(customer.percent_used).toBeGreaterThanOrEqual(125);
      expect(outcome.requests).toBeGreaterThanOrEqual(89 + 25);
      expect(byScope(outcome.budgets, "project").percent_used).toBeGreaterThan(59);
    } finally {
      await empty.close();
    }
  });
});

describe("`pnpm demo` and budgets", () => {
  it("sets the demo budgets where it may seed, and prints them", async () => {
    const other = await freshDatabase();
    try {
      const end = await startOfDatabaseUtcDay(other.pool);
      await prepareDemoDatabase(other.pool, other.url, end, () => silentProgress, smallDemo);
      // An external database is seeded only when asked (README): without the flag, no budgets.
      const plain = await runCli("demo-cli.ts", ["--database-url", other.url]);
      expect(plain.exitCode, plain.stderr).toBe(0);
      expect(plain.stdout).toContain("No budgets set");
      const run = await runCli("demo-cli.ts", ["--database-url", other.url, "--seed-external"]);
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/Set 3 demo budgets/);
      expect(run.stdout).toContain("Budgets (this period");
      expect(run.stdout).toContain(": monthly cap");
    } finally {
      await other.close();
    }
  });
});
