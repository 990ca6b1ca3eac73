import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { UsageDashboard, UserUsage } from "@org/ai-usage-sdk";
import { compareMonthToDate, MONTH_TO_DATE_DAYS, type MonthToDate } from "@org/ai-usage-sdk";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatChange,
  formatCount,
  formatCountShort,
  formatDateRange,
  formatDaySpan,
  formatLatency,
  formatRatio,
  formatUsd,
} from "../src/web/format.js";
import { launchBrowser } from "./support/browser.js";
import { type DashboardFixture, startDashboardFixture } from "./support/dashboard-fixture.js";
import { expectEqualToOneOf, readAround } from "./support/read-around.js";
import { HOSTILE_CUSTOMERS, USERS } from "./support/usage-dataset.js";

// The real page in headless Chromium, against the real server and a real PostgreSQL.
const ARTIFACTS = join(import.meta.dirname, "..", "test-artifacts");

let fixture: DashboardFixture;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  [fixture, browser] = await Promise.all([startDashboardFixture(), launchBrowser()]);
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
});

function dashboardSql(days: number): Promise<UsageDashboard> {
  return fixture.sql("select public.get_ai_usage_dashboard($1) as result", [days]);
}

/** The range's dashboard and the month comparison, from SQL read in one statement (one now()). */
async function kpiSql(days: number): Promise<{ range: UsageDashboard; month: MonthToDate }> {
  const both = await fixture.sql<{ range: UsageDashboard; months: UsageDashboard }>(
    "select jsonb_build_object('range', public.get_ai_usage_dashboard($1), 'months', public.get_ai_usage_dashboard($2)) as result",
    [days, MONTH_TO_DATE_DAYS],
  );
  const { daily_trend, period, previous_month } = both.months;
  return { range: both.range, month: compareMonthToDate(daily_trend, period.end_date, previous_month) };
}

async function text(testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().textContent())?.trim() ?? "";
}

async function waitForRange(days: number): Promise<void> {
  await page.locator(`[data-testid="dashboard"][data-days="${days}"]`).waitFor();
  await page.locator("main:not([aria-busy])").waitFor();
}

/** What the page shows: the period line and every KPI. */
async function shownKpis() {
  return {
    period: await text("period"),
    requests: await text("kpi-requests"),
    successRate: await text("kpi-success-rate"),
    tokens: await text("kpi-tokens"),
    cost: await text("kpi-cost"),
    avgCost: await text("kpi-avg-cost"),
    avgLatency: await text("kpi-avg-latency"),
    monthCost: await text("kpi-month-cost"),
    monthChange: await text("kpi-month-change"),
    previousMonthCost: await text("kpi-previous-month-cost"),
    previousSpan: await text("kpi-previous-span"),
    cacheSavings: await text("cache-savings"),
  };
}

/** The same, from the SQL function's figures formatted the page's way. */
function expectedKpis(sql: {
  range: UsageDashboard;
  month: MonthToDate;
}): Awaited<ReturnType<typeof shownKpis>> {
  const { period, summary, costs } = sql.range;
  const { current, previous } = sql.month;
  return {
    period: `Last ${period.days} days · ${formatDateRange(period.start_date, period.end_date)} · ${period.time_zone}`,
    requests: formatCountShort(summary.total_requests),
    successRate: formatRatio(summary.successful_requests, summary.total_requests),
    tokens: formatCountShort(summary.total_tokens),
    cost: formatUsd(summary.total_cost_usd),
    avgCost: formatUsd(summary.avg_cost_per_request),
    avgLatency: formatLatency(summary.avg_latency_ms),
    monthCost: formatUsd(current.cost_usd),
    monthChange: formatChange(current.cost_usd, previous.cost_usd).text,
    previousMonthCost: formatUsd(previous.cost_usd),
    previousSpan: formatDaySpan(previous.start_date, previous.end_date),
    cacheSavings: formatUsd(costs.cache_savings_usd),
  };
}

/**
 * Makes the page show `days` (with `show`) between two reads of get_ai_usage_dashboard(days), and
 * checks that every KPI on it equals the SQL function's for the reporting day the page read.
 */
async function expectKpisToMatch(days: number, show: () => Promise<void>): Promise<UsageDashboard> {
  const {
    before,
    value: shown,
    after,
  } = await readAround(
    () => kpiSql(days),
    async () => {
      await show();
      await waitForRange(days);
      return shownKpis();
    },
  );
  expectEqualToOneOf(shown, expectedKpis(before), expectedKpis(after));
  return (isDeepStrictEqual(shown, expectedKpis(after)) ? after : before).range;
}

/** Every dollar amount in the page's text (outside the charts' SVG, whose axes are short on purpose). */
async function moneyShown(): Promise<string[]> {
  // A string: this file is type-checked without the DOM library; the page runs it.
  return page.evaluate(`(() => {
    const walker = document.createTreeWalker(document.getElementById("app"), NodeFilter.SHOW_TEXT);
    const texts = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (!node.parentElement.closest("svg")) texts.push(node.textContent);
    return texts.join(" ").match(/\\$[\\d,]+\\.\\d+/g) ?? [];
  })()`);
}

function isCentsOrUnderACent(amount: string): boolean {
  const decimals = amount.split(".")[1]!.length;
  return decimals === 2 || Number(amount.replace(/[$,]/g, "")) < 0.005;
}

/** Clicks a table's CSV button and returns the downloaded file's lines. */
async function downloadedCsv(buttonTestId: string, fileName: string): Promise<string[]> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(buttonTestId).click(),
  ]);
  expect(download.suggestedFilename()).toBe(fileName);
  return (await readFile((await download.path())!, "utf8")).trim().split("\r\n");
}

describe("an admin", () => {
  it("sees the KPIs get_ai_usage_dashboard(30) computes, and the token leaves the address bar", async () => {
    page = await browser.context.newPage();
    const sql = await expectKpisToMatch(30, async () => {
      await page.goto(`${fixture.dashboard.url}/#token=${fixture.adminToken}`);
    });
    expect(sql.summary.total_requests).toBeGreaterThan(0);
    expect(page.url()).not.toContain("token");
    // All time does not depend on the day.
    expect(await text("spend-all-time")).toBe(
      formatUsd(
        (await fixture.sql<{ all_time: number }>("select public.get_ai_cost_summary() as result")).all_time,
      ),
    );
  });

  it("switches the range to 7 and 90 days, and the KPIs follow", async () => {
    const week = await expectKpisToMatch(7, () => page.getByTestId("range-7").click());
    const quarter = await expectKpisToMatch(90, () => page.getByTestId("range-90").click());
    // The dataset has 16 requests over 90 days, fewer in the last 7: the figures really changed.
    expect(await text("kpi-requests")).toBe("16");
    expect(week.summary.total_requests).toBeLessThan(quarter.summary.total_requests);
    expect(page.url()).toContain("days=90");
  });

  it("lists top users, customers and unpriced models, sorts them and exports CSV", async () => {
    const sql = await dashboardSql(90);
    const users = page.getByTestId("table-users");
    await expect.poll(() => users.locator("tbody tr").count()).toBe(sql.by_user.length);
    expect(await users.locator("tbody tr").first().textContent()).toContain(sql.by_user[0]!.user_email!);

    await users.getByRole("button", { name: "Requests" }).click();
    const byRequests = [...sql.by_user].sort((a, b) => b.request_count - a.request_count)[0]!;
    expect(await users.locator("tbody tr").first().textContent()).toContain(byRequests.user_email!);

    const csv = await downloadedCsv("table-users-csv", "users-90d.csv");
    expect(csv[0]).toBe(
      '"user_email","user_id","request_count","total_tokens","total_cost","avg_cost_per_request","last_request"',
    );
    expect(csv).toHaveLength(sql.by_user.length + 1);
    expect(csv[1]).toContain(
      `"${byRequests.user_id}",${byRequests.request_count},${byRequests.total_tokens}`,
    );

    const customers = page.getByTestId("table-customers");
    expect(await customers.locator("tbody tr").count()).toBe(sql.by_customer.length);
    expect(await customers.textContent()).toContain(HOSTILE_CUSTOMERS.semicolon[1]);
    // A spreadsheet that splits on ";" must see each name as one text cell, never a formula.
    const customersCsv = await downloadedCsv("table-customers-csv", "customers-90d.csv");
    expect(customersCsv).toContainEqual(expect.stringMatching(/^"Umbrella;=cmd\|' \/C calc'!A0",104,/));
    expect(customersCsv).toContainEqual(
      expect.stringMatching(/^"'=HYPERLINK\(""http:\/\/attacker\.example"",""Initech""\)",103,/),
    );
    const unpriced = page.getByTestId("table-unpriced");
    expect(await unpriced.locator("tbody tr").count()).toBe(sql.unpriced_models.length);
    expect(await unpriced.textContent()).toContain("acme-llm-2");
  });

  it("drills down into a user's daily usage and recent requests", async () => {
    await page.getByTestId("table-users").getByRole("button", { name: USERS.carol.email }).click();
    const detail = page.getByTestId("user-detail");
    const sql = await fixture.sql<UserUsage>("select public.get_user_ai_usage($1, 90) as result", [
      USERS.carol.id,
    ]);
    await expect
      .poll(() => detail.locator('[data-testid="table-user-requests"] tbody tr').count())
      .toBe(sql.recent_requests.length);
    expect(await detail.getByTestId("user-requests").textContent()).toBe(
      formatCount(sql.summary.total_requests),
    );
    expect(await detail.getByTestId("user-cost").textContent()).toBe(formatUsd(sql.summary.total_cost_usd));
    expect(await detail.locator("svg.chart").count()).toBe(1);
    expect(await detail.textContent()).toContain("unpriced");
    expect(await detail.textContent()).toContain("rate limited");
    // One money format on the whole page, drill-down included: cents, or two significant digits
    // under half a cent (never 4 decimals here and 2 there).
    const amounts = await moneyShown();
    expect(amounts.length).toBeGreaterThan(20);
    expect(amounts.filter((amount) => !isCentsOrUnderACent(amount))).toEqual([]);
  });

  it("gives the drill-down a URL: Back closes it, Forward reopens it, the URL opens it elsewhere", async () => {
    const detail = page.getByTestId("user-detail");
    const shared = page.url();
    expect(new URL(shared).searchParams.get("user")).toBe(USERS.carol.id);
    expect(new URL(shared).searchParams.get("days")).toBe("90");

    await page.goBack();
    await expect.poll(() => detail.count()).toBe(0);
    expect(page.url()).toContain(fixture.dashboard.url);
    expect(new URL(page.url()).searchParams.get("user")).toBeNull();
    await page.goForward();
    await detail.locator('[data-testid="table-user-requests"] tbody tr').first().waitFor();
    expect(await detail.locator("h2").first().textContent()).toBe(USERS.carol.email);

    // Closing is a step of its own too.
    await detail.getByRole("button", { name: "Close" }).click();
    expect(await detail.count()).toBe(0);
    await page.goBack();
    await detail.locator('[data-testid="table-user-requests"] tbody tr').first().waitFor();

    // Someone the URL was sent to (a tab of their own; the token is theirs) sees the same view.
    const other = await browser.context.newPage();
    await other.goto(`${shared}#token=${fixture.adminToken}`);
    const sharedDetail = other.getByTestId("user-detail");
    await sharedDetail.locator('[data-testid="table-user-requests"] tbody tr').first().waitFor();
    expect(await sharedDetail.locator("h2").first().textContent()).toBe(USERS.carol.email);
    expect(await other.locator('[data-testid="dashboard"]').getAttribute("data-days")).toBe("90");
    expect(other.url()).toBe(shared);
    await other.close();
  });

  it("looks right: a full-page screenshot is saved", async () => {
    await page.getByTestId("range-30").click();
    await waitForRange(30);
    await page.getByTestId("user-detail").locator("tbody tr").first().waitFor();
    // The top bar is sticky: from the top, a full-page screenshot shows it where it belongs.
    await page.evaluate("window.scrollTo(0, 0)");
    await page.screenshot({ path: join(ARTIFACTS, "dashboard.png"), fullPage: true });
    await page.close();
  });
});

/** A big project's figures in the page's own dashboard answer: what made the tokens overflow their card. */
function bigProject(dashboard: UsageDashboard): UsageDashboard {
  return {
    ...dashboard,
    summary: {
      ...dashboard.summary,
      total_requests: 2_345_678,
      successful_requests: 2_301_234,
      failed_requests: 44_444,
      total_tokens: 381_457_057,
      total_cost_usd: 98_765.43,
      unpriced_requests: 12_345,
      avg_latency_ms: 14_172,
    },
    by_customer: dashboard.by_customer.map((customer, index) => ({
      ...customer,
      customer_name:
        ["Tidewater Travel", "Redwood Outfitters", "Copperleaf Robotics"][index] ?? "Granite Analytics",
      request_count: 3_820 + index,
      total_tokens: 62_478_937 - index,
      total_cost: 1_161.92 - index,
    })),
    unpriced_models: [
      {
        ...dashboard.unpriced_models[0]!,
        model_used: "mistral-large-2411",
        provider: "mistral",
        requests: 12_345,
        total_tokens: 15_722_855,
      },
    ],
  };
}

/** The month card of a big project. */
function bigMonth(month: MonthToDate): MonthToDate {
  return {
    ...month,
    current: { ...month.current, cost_usd: 87_654.32 },
    previous: { ...month.previous, cost_usd: 99_999.99 },
  };
}

/** What on the page does not fit its box at the current width (each as "test id or class: needed > has"). */
async function overflowing(target: Page): Promise<string[]> {
  // A string: this file is type-checked without the DOM library; the page runs it.
  return target.evaluate(`(() => {
    const problems = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push("page: " + root.scrollWidth + " > " + root.clientWidth);
    // Below 1000 px the cards stack and a wide table may scroll sideways; above, no table may need to.
    const boxes = ".kpi, .kpi-value, .card" + (root.clientWidth >= 1000 ? ", .table-scroll" : "");
    for (const box of document.querySelectorAll(boxes))
      if (box.scrollWidth > box.clientWidth)
        problems.push((box.closest("[data-testid]")?.dataset.testid ?? box.className) + " " + box.className + ": " + box.scrollWidth + " > " + box.clientWidth);
    return problems;
  })()`);
}

describe("the layout", () => {
  it.each([1280, 390])(
    "fits a big project's figures at %i px: tokens 381.5M (exact in a tooltip), whole tables",
    async (width) => {
      const sized = await browser.context.newPage();
      await sized.setViewportSize({ width, height: 900 });
      await sized.route(
        (url) => url.pathname === "/api/dashboard" || url.pathname === "/api/month-to-date",
        async (route) => {
          const response = await route.fetch();
          const json = await response.json();
          const big = route.request().url().includes("/api/dashboard") ? bigProject(json) : bigMonth(json);
          await route.fulfill({ response, json: big });
        },
      );
      await sized.goto(`${fixture.dashboard.url}/#token=${fixture.adminToken}`);
      await sized.getByTestId("dashboard").waitFor();
      const tokens = sized.getByTestId("kpi-tokens");
      expect(await tokens.textContent()).toBe("381.5M");
      expect(await tokens.getAttribute("title")).toBe("381,457,057 tokens");
      expect(await sized.getByTestId("kpi-requests").textContent()).toBe("2.3M");
      expect(await sized.getByTestId("kpi-cost").textContent()).toBe("$98,765.43");
      expect(await overflowing(sized)).toEqual([]);
      await sized.screenshot({ path: join(ARTIFACTS, `layout-${width}.png`), fullPage: true });
      await sized.close();
    },
  );
});

describe("someone else", () => {
  it("with a non-admin token sees an access error instead of data", async () => {
    const other = await browser.context.newPage();
    await other.goto(`${fixture.dashboard.url}/#token=${fixture.userToken}`);
    await other.getByTestId("access-error").waitFor();
    expect(await other.getByTestId("access-error").textContent()).toContain("permission denied");
    expect(await other.getByTestId("kpi-requests").count()).toBe(0);
    await other.screenshot({ path: join(ARTIFACTS, "access-denied.png") });
    await other.close();
  });

  it("without a token is asked for one, and pasting an admin's token opens the dashboard", async () => {
    const fresh = await browser.context.newPage();
    await fresh.goto(`${fixture.dashboard.url}/?days=7`);
    await fresh.getByTestId("sign-in").waitFor();
    // Commands read as code, not as markdown's literal backticks.
    expect(await fresh.getByTestId("sign-in").textContent()).not.toContain("`");
    expect(await fresh.getByTestId("sign-in").locator("code").allTextContents()).toEqual([
      "pnpm dashboard",
      "access_token",
    ]);
    await fresh.locator("textarea[name=token]").fill(fixture.adminToken);
    const {
      before,
      value: shown,
      after,
    } = await readAround(
      () => dashboardSql(7),
      async () => {
        await fresh.getByRole("button", { name: "Open dashboard" }).click();
        await fresh.locator('[data-testid="dashboard"][data-days="7"]').waitFor();
        return fresh.getByTestId("kpi-requests").textContent();
      },
    );
    const requests = (sql: UsageDashboard) => formatCount(sql.summary.total_requests);
    expectEqualToOneOf(shown, requests(before), requests(after));
    await fresh.close();
  });
});
