import { readFile } from "node:fs/promises";
import type { UsageDashboard } from "@org/ai-usage-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CustomerExport, UserExport } from "../src/server/full-export.js";
import { launchBrowser } from "./support/browser.js";
import { type DashboardFixture, startDashboardFixture } from "./support/dashboard-fixture.js";
import { expectEqualToOneOf, readAround } from "./support/read-around.js";

// The CSV exports hold every user and customer, not the top 25 the tables show: 40 more users and
// customers than the known dataset's, over the API and through the page in Chromium.
const EXTRA = 40;
let fixture: DashboardFixture;

beforeAll(async () => {
  fixture = await startDashboardFixture({ extraUsers: EXTRA });
});
afterAll(async () => {
  await fixture?.stop();
});

async function get<T>(path: string, token = fixture.adminToken): Promise<{ status: number; body: T }> {
  const response = await fetch(`${fixture.dashboard.url}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** The export and, read around it, the dashboard of the same range and the log's own distinct counts. */
async function exportAndSql<T extends UserExport | CustomerExport>(
  kind: "users" | "customers",
  days: number,
) {
  const sql = () =>
    fixture.sql<{ dashboard: UsageDashboard; users: number; customers: number }>(
      `select jsonb_build_object('dashboard', d, 'users', count(distinct l.user_id), 'customers', count(distinct l.customer_id))
         as result
       from public.get_ai_usage_dashboard($1) d
       cross join lateral (select (d -> 'period' ->> 'time_zone') as tz,
                                  (d -> 'period' ->> 'start_date')::date as first_day,
                                  (d -> 'period' ->> 'end_date')::date as last_day) w
       left join public.ai_usage_log l
         on l.created_at >= (w.first_day::timestamp at time zone w.tz)
        and l.created_at < ((w.last_day + 1)::timestamp at time zone w.tz)
       group by d`,
      [days],
    );
  const { before, value, after } = await readAround(sql, () => get<T>(`/api/export/${kind}?days=${days}`));
  expect(value.status).toBe(200);
  return { exported: value.body, before, after };
}

describe("the CSV exports' API", () => {
  it("gives every user of the range, the first 25 exactly the dashboard's top users", async () => {
    const { exported, before, after } = await exportAndSql<UserExport>("users", 30);
    const shape = (sql: typeof before) => ({
      period: sql.dashboard.period,
      count: sql.users,
      top: sql.dashboard.by_user,
      cost: sql.dashboard.summary.total_cost_usd,
    });
    const cost = exported.rows.reduce((sum, row) => sum + row.total_cost, 0);
    expectEqualToOneOf(
      {
        period: exported.period,
        count: exported.rows.length,
        top: exported.rows.slice(0, 25),
        cost: Math.round(cost * 100) / 100,
      },
      shape(before),
      shape(after),
    );
    expect(exported.rows.length).toBeGreaterThan(EXTRA);
  });

  it("gives every customer of the range, the first 25 exactly the dashboard's top customers", async () => {
    const { exported, before, after } = await exportAndSql<CustomerExport>("customers", 90);
    const shape = (sql: typeof before) => ({ count: sql.customers, top: sql.dashboard.by_customer });
    expectEqualToOneOf(
      { count: exported.rows.length, top: exported.rows.slice(0, 25) },
      shape(before),
      shape(after),
    );
    expect(exported.rows.length).toBeGreaterThan(EXTRA);
  });

  it("is for admins only (the database's 42501), and checks the range", async () => {
    for (const kind of ["users", "customers"]) {
      const refused = await get<{ error: { code: string } }>(
        `/api/export/${kind}?days=30`,
        fixture.userToken,
      );
      expect(refused.status, kind).toBe(403);
      expect(refused.body.error.code, kind).toBe("42501");
      expect((await get(`/api/export/${kind}?days=0`)).status, kind).toBe(400);
      expect((await get(`/api/export/${kind}?days=3661`)).status, kind).toBe(400);
    }
    expect(fixture.serverLog).toEqual([]);
  });
});

describe("the page's Export all buttons", () => {
  it("download every user and every customer, not the top 25 the tables show", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${fixture.dashboard.url}/?days=30#token=${fixture.adminToken}`);
      await page.getByTestId("dashboard").waitFor();
      expect(await page.getByTestId("table-users").getByRole("button", { name: "Show all 25" }).count()).toBe(
        1,
      );
      for (const [testId, fileName, kind] of [
        ["table-users-csv", "users-30d.csv", "users"],
        ["table-customers-csv", "customers-30d.csv", "customers"],
      ] as const) {
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByTestId(testId).click(),
        ]);
        expect(download.suggestedFilename()).toBe(fileName);
        const lines = (await readFile((await download.path())!, "utf8")).trim().split("\r\n");
        const { body } = await get<UserExport | CustomerExport>(`/api/export/${kind}?days=30`);
        expect(lines.length - 1, kind).toBe(body.rows.length);
        expect(lines.length - 1, kind).toBeGreaterThan(25);
      }
      await page.close();
    } finally {
      await browser.close();
    }
  });
});
