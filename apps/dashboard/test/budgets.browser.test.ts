import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { BudgetAlertRecord, BudgetStatus } from "@org/ai-usage-sdk";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatUsd } from "../src/web/format.js";
import { launchBrowser } from "./support/browser.js";
import { type DashboardFixture, startDashboardFixture } from "./support/dashboard-fixture.js";
import { USERS } from "./support/usage-dataset.js";

// The budgets page in headless Chromium, against the real server and PostgreSQL: an admin sets a
// budget from the form, usage crosses 50 % and the alert shows, the admin ends it; the database's
// own checks reach the form; a user who is not an admin is told so and sees their own budgets.
const ARTIFACTS = join(import.meta.dirname, "..", "test-artifacts");
/** A user with no usage yet, so that the test decides what the budget has spent. */
const ERIN = { id: "55555555-5555-4555-8555-555555555555", email: "erin@example.com" };

let fixture: DashboardFixture;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  [fixture, browser] = await Promise.all([startDashboardFixture(), launchBrowser()]);
  await mkdir(ARTIFACTS, { recursive: true });
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
});

const budgetsSql = (includeEnded = false) =>
  fixture.sql<BudgetStatus[]>("select public.list_ai_usage_budgets($1) as result", [includeEnded]);

async function openBudgets(target = page, token = fixture.adminToken): Promise<void> {
  await target.goto(`${fixture.dashboard.url}/?view=budgets#token=${token}`);
  await target.locator("main:not([aria-busy])").waitFor();
}

/** Erin's usage, written as the app's server would: `cost` USD of claude-opus-4-1 input ($15 per 1M tokens). */
async function erinSpends(cost: number, requestId: string): Promise<void> {
  const event = {
    request_id: requestId,
    user_id: ERIN.id,
    user_email: ERIN.email,
    model_used: "claude-opus-4-1",
    input_tokens: Math.round((cost / 15) * 1_000_000),
    output_tokens: 0,
  };
  await fixture.pool.query("select count(*) from public.log_ai_usage_batch($1::jsonb)", [
    JSON.stringify([event]),
  ]);
}

describe("an admin on the budgets page", () => {
  it("sets a budget from the form and sees it listed as list_ai_usage_budgets has it", async () => {
    await openBudgets();
    await page.getByTestId("budgets-empty").waitFor();
    expect(await page.getByTestId("view-budgets").getAttribute("aria-current")).toBe("page");
    expect(await page.locator(".range").isHidden()).toBe(true);

    const form = page.getByTestId("budget-form");
    await form.getByLabel("Name").fill("Erin monthly");
    await form.getByLabel("Covers").selectOption("user");
    await form.getByLabel("User").fill(ERIN.id);
    await form.getByLabel("Limit (USD)").fill("1");
    await form.getByLabel("Period").selectOption("month");
    await form.getByRole("button", { name: "Set budget" }).click();
    await expect.poll(() => page.getByTestId("budgets-notice").textContent()).toBe('Set "Erin monthly".');

    const [budget] = await budgetsSql();
    expect(budget).toMatchObject({
      name: "Erin monthly",
      scope: "user",
      user_id: ERIN.id,
      limit_usd: 1,
      mode: "hard",
    });
    expect(budget!.thresholds).toEqual([50, 80, 100]);
    const row = page.getByTestId(`budget-${budget!.budget_id}`);
    expect(await row.getByTestId("budget-spent").textContent()).toBe("$0.00");
    expect(await row.getByTestId("budget-limit").textContent()).toBe("$1.00");
  });

  it("shows the checks' own words: the SDK's beside the field, the database's above the form", async () => {
    const form = page.getByTestId("budget-form");
    const problem = page.getByTestId("budget-form-error");
    await form.getByLabel("Covers").selectOption("user");
    await form.getByLabel("Limit (USD)").fill("5");
    await form.getByRole("button", { name: "Set budget" }).click();
    await expect.poll(() => problem.textContent()).toBe("User: must be a UUID");
    expect(await form.getByLabel("User").getAttribute("aria-invalid")).toBe("true");

    // What only the database can check (the SDK does not compare the two instants): its 22023.
    await form.getByLabel("Covers").selectOption("project");
    await form.getByLabel("Ends (optional)").fill("2000-01-01T00:00");
    await form.getByRole("button", { name: "Set budget" }).click();
    await expect.poll(() => problem.textContent()).toBe("effective_to must be after effective_from");
    expect(await form.getByLabel("User").getAttribute("aria-invalid")).toBeNull();
    expect(await budgetsSql()).toHaveLength(1);
  });

  it("lists the alert once usage crosses 50 %, and the spend against the limit", async () => {
    await erinSpends(0.6, "budgets-test-erin-1");
    const [budget] = await budgetsSql();
    // The token is kept in this tab's sessionStorage: a reload shows the page anew.
    await page.reload();
    await page.getByTestId("budgets").waitFor();
    const alerts = page.getByTestId("table-budget-alerts");
    await alerts.locator("tbody tr").first().waitFor();
    const sqlAlerts = await fixture.sql<BudgetAlertRecord[]>(
      "select public.list_ai_usage_budget_alerts() as result",
    );
    expect(sqlAlerts.map((alert) => alert.threshold_percent)).toEqual([50]);
    expect(await alerts.locator("tbody tr").count()).toBe(1);
    const cells = await alerts.locator("tbody tr").first().locator("td").allTextContents();
    expect(cells.slice(1, 6)).toEqual([
      "Erin monthly",
      "50 %",
      formatUsd(sqlAlerts[0]!.spent_usd),
      "$1.00",
      "hard",
    ]);
    expect(cells[6]).toBe("pending");

    // The spend is the current period's: read around the page, it is one of the two answers.
    const after = await budgetsSql();
    const shown = await page
      .getByTestId(`budget-${budget!.budget_id}`)
      .getByTestId("budget-spent")
      .textContent();
    expect([formatUsd(budget!.spent_usd ?? 0), formatUsd(after[0]?.spent_usd ?? 0)]).toContain(shown);
    await page.evaluate("window.scrollTo(0, 0)");
    await page.screenshot({ path: join(ARTIFACTS, "budgets.png"), fullPage: true });
  });

  it("ends it from the page: gone from the budgets in force, kept among the ended ones", async () => {
    const [budget] = await budgetsSql();
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByTestId(`budget-${budget!.budget_id}`).getByRole("button", { name: "End budget" }).click();
    await expect.poll(() => page.getByTestId("budgets-notice").textContent()).toBe('Ended "Erin monthly".');
    await page.getByTestId("budgets-empty").waitFor();
    expect(await budgetsSql()).toEqual([]);
    const [ended] = await budgetsSql(true);
    expect(ended?.effective_to).not.toBeNull();

    await page.getByTestId("budgets-include-ended").check();
    const row = page.getByTestId(`budget-${budget!.budget_id}`);
    await row.waitFor();
    expect(await row.textContent()).toContain("ended");
    expect(await row.getByRole("button", { name: "End budget" }).count()).toBe(0);
  });

  it("goes back to the usage dashboard with Back", async () => {
    await page.getByTestId("view-usage").click();
    await page.getByTestId("dashboard").waitFor();
    expect(new URL(page.url()).searchParams.get("view")).toBeNull();
    await page.goBack();
    await page.getByTestId("budgets").waitFor();
  });
});

describe("a signed-in user who is not an admin", () => {
  it("is told that budgets are for admins, and sees their own budgets as the database shows them", async () => {
    await fixture.pool.query(
      "select public.set_ai_usage_budget('user', 3, p_user_id => $1, p_name => 'Bob monthly')",
      [USERS.bob.id],
    );
    await fixture.pool.query("select public.set_ai_usage_budget('project', 500, p_mode => 'soft')");
    const other = await browser.context.newPage();
    await openBudgets(other, fixture.userToken);
    const denied = other.getByTestId("budgets-not-admin");
    await denied.waitFor();
    expect(await denied.locator("h2").textContent()).toBe("Budgets are for admins");
    const own = await other.getByTestId("own-budgets").locator("li").allTextContents();
    expect(own).toHaveLength(2);
    expect(own).toContainEqual(
      expect.stringMatching(/^Bob monthly: \$[\d.]+ of \$3\.00 this month, resets /),
    );
    // The project's figures are everyone's: the database hides them from Bob.
    expect(own).toContainEqual(
      expect.stringMatching(/^Monthly · everyone: shared budget available this month, resets /),
    );
    expect(await other.getByTestId("budget-form").count()).toBe(0);
    await other.screenshot({ path: join(ARTIFACTS, "budgets-not-admin.png") });
    await other.close();
    expect(fixture.serverLog).toEqual([]);
  });
});
