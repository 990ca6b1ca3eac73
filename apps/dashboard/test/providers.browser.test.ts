import { copyFile, mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { UsageDashboard, UserUsage } from "@org/ai-usage-sdk";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserExport } from "../src/server/full-export.js";
import { formatCount, formatCountOf, formatUsd } from "../src/web/format.js";
import { launchBrowser } from "./support/browser.js";
import { type DashboardFixture, startDashboardFixture } from "./support/dashboard-fixture.js";
import { insertProviderDataset, PROVIDER_EVENTS } from "./support/provider-dataset.js";
import { USERS } from "./support/usage-dataset.js";

// More providers than Anthropic and OpenAI, and one model id from two of them: the by-model view,
// its CSV, the unpriced table and the drill-down name each row's provider and give it its own cost.
const ARTIFACTS = join(import.meta.dirname, "..", "test-artifacts");
// Where a reviewer looks at the by-model view without running the suite (outside the repository).
const SHOTS = process.env.DASHBOARD_SHOTS_DIR;

let fixture: DashboardFixture;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let dashboard: UsageDashboard;

type ProviderEvent = (typeof PROVIDER_EVENTS)[number];

/** Every provider and model of the dataset with its expected figures (the report's by_model rows). */
const expectedModels = [...groupByModel(PROVIDER_EVENTS).values()].map((events) => {
  const sum = (pick: (event: ProviderEvent) => number | undefined) =>
    events.reduce((total, event) => total + (pick(event) ?? 0), 0);
  return {
    provider: events[0]!.provider,
    model_used: events[0]!.model,
    requests: events.length,
    input_tokens: sum((e) => e.input),
    output_tokens: sum((e) => e.output),
    cache_write_tokens: sum((e) => e.cacheWrite),
    cache_read_tokens: sum((e) => e.cacheRead),
    total_tokens: sum((e) => e.input + e.output + (e.cacheWrite ?? 0) + (e.cacheRead ?? 0)),
    cost: round(
      sum((e) => e.cost ?? 0),
      4,
    ),
    unpriced_requests: events.filter((event) => event.cost === null).length,
  };
});

function groupByModel(events: ProviderEvent[]): Map<string, ProviderEvent[]> {
  const groups = new Map<string, ProviderEvent[]>();
  for (const event of events) {
    const key = `${event.provider} ${event.model}`;
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  return groups;
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

beforeAll(async () => {
  [fixture, browser] = await Promise.all([
    startDashboardFixture({ dataset: insertProviderDataset }),
    launchBrowser(),
  ]);
  await mkdir(ARTIFACTS, { recursive: true });
  dashboard = await fixture.sql<UsageDashboard>("select public.get_ai_usage_dashboard(30) as result");
  page = await browser.context.newPage();
  await page.goto(`${fixture.dashboard.url}/?days=30#token=${fixture.adminToken}`);
  await page.locator('[data-testid="dashboard"][data-days="30"]').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
});

/** A table's rows as the text of their cells. */
async function cells(table: Locator): Promise<string[][]> {
  const rows = await table.locator("tbody tr").all();
  return Promise.all(
    rows.map(async (row) => (await row.locator("td").allTextContents()).map((t) => t.trim())),
  );
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

describe("the dashboard with five providers", () => {
  it("reports each provider's models at their own cost, totals the sum of them", () => {
    const byCost = [...expectedModels].sort((a, b) => b.cost - a.cost);
    expect(dashboard.by_model).toEqual(byCost);
    // gpt-4o twice: from OpenAI and from Azure, each at its own price.
    expect(dashboard.by_model.filter((m) => m.model_used === "gpt-4o").map((m) => m.provider)).toEqual([
      "openai",
      "azure",
    ]);
    const sum = dashboard.by_model.reduce((total, m) => total + m.cost, 0);
    expect(dashboard.summary.total_cost_usd).toBe(round(sum, 2));
    expect(dashboard.summary.unpriced_requests).toBe(1);
    expect(dashboard.unpriced_models.map((m) => [m.provider, m.model_used, m.requests])).toEqual([
      ["mistral", "mistral-large-2411", 1],
    ]);
  });

  it("shows every provider and model in the models table, with its cost or `unpriced`", async () => {
    const table = page.getByTestId("table-models");
    expect(await cells(table)).toEqual(
      dashboard.by_model.map((m) => [
        m.model_used,
        m.provider,
        formatCount(m.requests),
        formatCount(m.input_tokens),
        formatCount(m.output_tokens),
        formatCount(m.cache_write_tokens),
        formatCount(m.cache_read_tokens),
        m.unpriced_requests === m.requests ? "unpriced" : formatUsd(m.cost),
        m.unpriced_requests > 0 ? formatCount(m.unpriced_requests) : "",
      ]),
    );
    expect(await page.getByTestId("kpi-cost").textContent()).toBe(
      formatUsd(dashboard.summary.total_cost_usd),
    );
  });

  it("exports the models table with raw figures: an unpriced model's cost is empty, not 0", async () => {
    const csv = await downloadedCsv("table-models-csv", "models-30d.csv");
    expect(csv).toEqual([
      '"model_used","provider","requests","input_tokens","output_tokens","cache_write_tokens","cache_read_tokens","cost","unpriced_requests"',
      ...dashboard.by_model.map((m) =>
        [
          `"${m.model_used}"`,
          `"${m.provider}"`,
          m.requests,
          m.input_tokens,
          m.output_tokens,
          m.cache_write_tokens,
          m.cache_read_tokens,
          m.unpriced_requests === m.requests ? "" : m.cost,
          m.unpriced_requests,
        ].join(","),
      ),
    ]);
    const exportedCost = csv.slice(1).reduce((total, line) => total + Number(line.split(",")[7]), 0);
    expect(round(exportedCost, 2)).toBe(dashboard.summary.total_cost_usd);
  });

  it("names the provider on each bar of the cost-by-model chart", async () => {
    const bars = await page.getByTestId("chart-models").locator("g.bar-row").all();
    const shown = await Promise.all(
      bars.map(async (bar) => ({
        label: await bar.locator("text.label").textContent(),
        note: await bar.locator("text.note").textContent(),
      })),
    );
    expect(shown).toEqual(
      dashboard.by_model.map((m) => ({
        label: m.model_used,
        note:
          m.unpriced_requests > 0
            ? `${m.provider} · ${formatCountOf(m.requests, "request")} · ${formatCount(m.unpriced_requests)} unpriced`
            : `${m.provider} · ${formatCountOf(m.requests, "request")}`,
      })),
    );
    expect(shown.at(-1)?.note).toBe("mistral · 1 request · 1 unpriced");
  });

  it("lists only the unpriced model, with its provider, among the unpriced models", async () => {
    const rows = await cells(page.getByTestId("table-unpriced"));
    expect(rows.map((row) => row.slice(0, 3))).toEqual([["mistral-large-2411", "mistral", "1"]]);
  });

  it("gives every user's cost in the users export, adding up to the total", async () => {
    const response = await fetch(`${fixture.dashboard.url}/api/export/users?days=30`, {
      headers: { authorization: `Bearer ${fixture.adminToken}` },
    });
    const exported = (await response.json()) as UserExport;
    const cost = exported.rows.reduce((total, row) => total + row.total_cost, 0);
    expect(round(cost, 2)).toBe(dashboard.summary.total_cost_usd);
    const bob = exported.rows.find((row) => row.user_id === USERS.bob.id);
    expect(bob?.total_cost).toBe(round(0.03256 + 0.0165, 4));
  });

  it("names the provider of each of a user's recent requests", async () => {
    await page.getByTestId("table-users").getByRole("button", { name: USERS.bob.email }).click();
    const requests = page.getByTestId("user-detail").getByTestId("table-user-requests");
    await requests.locator("tbody tr").first().waitFor();
    const sql = await fixture.sql<UserUsage>("select public.get_user_ai_usage($1, 30) as result", [
      USERS.bob.id,
    ]);
    const headers = (await requests.locator("thead th").allTextContents()).map((t) => t.trim());
    const column = headers.indexOf("Provider");
    expect(column).toBeGreaterThan(-1);
    const rows = await cells(requests);
    expect(rows.map((row) => [row[headers.indexOf("Model")], row[column]])).toEqual(
      sql.recent_requests.map((r) => [r.model_used, r.provider]),
    );
    expect(new Set(rows.map((row) => row[column]))).toEqual(new Set(["openai", "azure"]));
  });

  it("looks right: a screenshot of the charts and the models table", async () => {
    await page.getByTestId("user-detail").getByRole("button", { name: "Close" }).click();
    // The top bar is sticky: from the top, a full-page screenshot shows it where it belongs.
    await page.evaluate("window.scrollTo(0, 0)");
    const file = join(ARTIFACTS, "providers.png");
    await page.screenshot({ path: file, fullPage: true });
    if (SHOTS) {
      await mkdir(SHOTS, { recursive: true });
      await copyFile(file, join(SHOTS, "providers.png"));
    }
    await page.close();
  });

  it("calls the provider of an unpriced request logged without one `unknown`", async () => {
    await fixture.pool.query("select public.log_ai_usage_batch($1::jsonb)", [
      JSON.stringify([
        {
          request_id: "dashboard-providers-unknown",
          user_id: USERS.dave.id,
          request_type: "chat",
          model_used: "in-house-llm",
          input_tokens: 700,
          output_tokens: 70,
        },
      ]),
    ]);
    const after = await fixture.sql<UsageDashboard>("select public.get_ai_usage_dashboard(30) as result");
    expect(after.unpriced_models.map((m) => [m.model_used, m.provider])).toEqual([
      ["mistral-large-2411", "mistral"],
      ["in-house-llm", "unknown"],
    ]);
    const fresh = await browser.context.newPage();
    await fresh.goto(`${fixture.dashboard.url}/?days=30#token=${fixture.adminToken}`);
    await fresh.locator('[data-testid="dashboard"][data-days="30"]').waitFor();
    const models = await cells(fresh.getByTestId("table-models"));
    expect(models.find((row) => row[0] === "in-house-llm")?.slice(1, 3)).toEqual(["unknown", "1"]);
    const unpriced = await cells(fresh.getByTestId("table-unpriced"));
    expect(unpriced.map((row) => row.slice(0, 2))).toEqual([
      ["mistral-large-2411", "mistral"],
      ["in-house-llm", "unknown"],
    ]);
    // The KPIs count it as unpriced, not as $0 of spend.
    expect(await fresh.getByTestId("kpi-cost").textContent()).toBe(formatUsd(after.summary.total_cost_usd));
    expect(after.summary.total_cost_usd).toBe(dashboard.summary.total_cost_usd);
    await fresh.close();
  });
});
