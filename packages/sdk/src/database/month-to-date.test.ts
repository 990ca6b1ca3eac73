import { describe, expect, it } from "vitest";
import type { UsageDashboard } from "../schemas/dashboard.js";
import { compareMonthToDate, MONTH_TO_DATE_DAYS } from "./month-to-date.js";

type Day = UsageDashboard["daily_trend"][number];
const previousMonth = { requests: 0, tokens: 0, cost_usd: 0 };

/** A dashboard's daily series ending on the injected `today`: $1.00 and 10 requests a day. */
function dailySeries(today: string, days = MONTH_TO_DATE_DAYS): Day[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, index) => ({
    date: new Date(end - (days - 1 - index) * 86_400_000).toISOString().slice(0, 10),
    requests: 10,
    tokens: 1_000,
    cost: 1,
    unique_users: 1,
  }));
}

const compare = (today: string) => compareMonthToDate(dailySeries(today), today, previousMonth);

describe("this month so far against last month", () => {
  it("on the 2nd, compares two days with the same two days, not with the whole month", () => {
    const { current, previous } = compare("2026-03-02");
    expect(current).toMatchObject({ start_date: "2026-03-01", end_date: "2026-03-02", cost_usd: 2 });
    expect(previous).toMatchObject({ start_date: "2026-02-01", end_date: "2026-02-02", cost_usd: 2 });
    expect(previous.requests).toBe(20);
  });

  it("on a day the previous month does not have, takes the whole previous month", () => {
    expect(compare("2026-03-31").previous).toMatchObject({
      start_date: "2026-02-01",
      end_date: "2026-02-28",
      cost_usd: 28,
    });
    expect(compare("2028-03-30").previous).toMatchObject({ end_date: "2028-02-29", cost_usd: 29 });
    expect(compare("2026-05-31").previous).toMatchObject({ end_date: "2026-04-30", cost_usd: 30 });
  });

  it("crosses the year, and reaches back far enough on the last day of a month after a 31-day one", () => {
    expect(compare("2027-01-15").previous).toMatchObject({
      start_date: "2026-12-01",
      end_date: "2026-12-15",
    });
    expect(compare("2026-08-31")).toMatchObject({
      current: { start_date: "2026-08-01", cost_usd: 31 },
      previous: { start_date: "2026-07-01", end_date: "2026-07-31", cost_usd: 31 },
    });
  });

  it("refuses a series that does not reach last month's 1st", () => {
    expect(() => compareMonthToDate(dailySeries("2026-03-31", 30), "2026-03-31", previousMonth)).toThrow(
      "the daily series must reach back to 2026-02-01",
    );
  });
});
