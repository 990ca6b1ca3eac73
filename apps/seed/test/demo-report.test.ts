import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createPgTransport } from "@org/ai-usage-sdk/pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminReportSchema, buildAdminReport } from "../src/demo/admin-report.js";
import { prepareDemoDatabase } from "../src/demo/prepare-demo-database.js";
import { renderAdminReport } from "../src/demo/render-report.js";
import { startOfUtcDay } from "../src/generate/generation-options.js";
import { formatInteger, formatUsd } from "../src/text/format.js";
import { silentProgress } from "../src/write/progress.js";
import { type FreshDatabase, freshDatabase } from "./fresh-database.js";

const smallDemo = { events: 3_000, days: 70, users: 40, customers: 10, seed: 11 };

let database: FreshDatabase;
beforeAll(async () => {
  database = await freshDatabase();
  // Ends today, like the real demo, so the 30-day window and the month comparison have data.
  await prepareDemoDatabase(
    database.pool,
    database.url,
    startOfUtcDay(new Date()),
    () => silentProgress,
    smallDemo,
  );
});
afterAll(() => database.close());

/** What the SQL functions return when called directly, without the SDK. */
async function fromSql() {
  const result = await database.pool.query(
    `select d as dashboard, get_ai_cost_summary() as cost_summary,
            get_user_ai_usage((d -> 'by_user' -> 0 ->> 'user_id')::uuid, 30) as top_user
     from get_ai_usage_dashboard(30) d`,
  );
  const row = result.rows[0] as { dashboard: unknown; cost_summary: unknown; top_user: unknown };
  return { dashboard: row.dashboard, costSummary: row.cost_summary, topUser: row.top_user };
}

describe("the demo's admin report", () => {
  it("seeds an empty database once, and leaves a database with usage alone", async () => {
    const again = await prepareDemoDatabase(
      database.pool,
      database.url,
      startOfUtcDay(new Date()),
      () => silentProgress,
      smallDemo,
    );
    expect(again).toEqual({ migrationsApplied: [], seeded: null });
  });

  it("holds exactly what the SQL functions return", async () => {
    const report = await buildAdminReport(createPgTransport(database.pool), 30);
    const sql = await fromSql();
    expect(report.dashboard).toEqual(sql.dashboard);
    expect(report.costSummary).toEqual(sql.costSummary);
    expect(report.topUser).toEqual(sql.topUser);
    expect(report.dashboard.summary.total_requests).toBeGreaterThan(500);
    expect(report.dashboard.unpriced_models.map((model) => model.model_used)).toEqual(["mistral-large-2411"]);
  });

  it("prints the same numbers as tables", async () => {
    const report = await buildAdminReport(createPgTransport(database.pool), 30);
    const text = renderAdminReport(report);
    const { summary, costs, by_user, by_customer } = report.dashboard;
    for (const expected of [
      formatInteger(summary.total_requests),
      formatInteger(summary.total_tokens),
      formatUsd(costs.total_cost_usd),
      formatUsd(costs.cache_write_cost_usd),
      formatUsd(costs.cache_savings_usd),
      by_user[0]!.user_email!,
      by_customer[0]!.customer_name!,
      "mistral-large-2411",
      `Top user: ${by_user[0]!.user_email}`,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/█/);
  });

  it("`pnpm demo --json` prints the SQL functions' output", async () => {
    const cli = fileURLToPath(new URL("../src/demo-cli.ts", import.meta.url));
    const tsx = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
    // As `pnpm demo` runs it (package.json): workspace packages from source, see tsconfig.cli.json.
    const tsconfig = fileURLToPath(new URL("../tsconfig.cli.json", import.meta.url));
    const { stdout } = await promisify(execFile)(
      tsx,
      ["--tsconfig", tsconfig, cli, "--json", "--database-url", database.url],
      { env: { ...process.env, DATABASE_URL: "" } },
    );
    const printed = AdminReportSchema.parse(JSON.parse(stdout));
    const sql = await fromSql();
    expect(printed.dashboard).toEqual(sql.dashboard);
    expect(printed.costSummary).toEqual(sql.costSummary);
    expect(printed.topUser).toEqual(sql.topUser);
  });
});
