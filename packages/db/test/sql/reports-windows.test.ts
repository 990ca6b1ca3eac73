import type pg from "pg";
import { beforeAll, describe, expect, test } from "vitest";
import type { UsageEvent } from "./helpers/events.js";
import { reportDatabaseForThisFile, reportingZoneUnderTest } from "./helpers/report-database.js";
import { insertFixture, USERS } from "./helpers/report-fixture.js";

// Windows are whole days in the reporting zone: p_days = N is today and the N - 1 days before it.
// Daily series list every day of the window, oldest first, with zeros. The expected figures are
// computed here, in TypeScript, from the events the test inserted (their created_at is written in
// local time of the reporting zone, so its first ten characters are the local date).

type Json = Record<string, unknown>;
interface Day {
  date: string;
  requests: number;
  tokens: number;
}

const database = reportDatabaseForThisFile("windows");
let client: pg.Client;
let events: UsageEvent[];
beforeAll(async () => {
  client = database.client;
  events = await insertFixture(client);
});

const dateOf = (event: UsageEvent) => (event.created_at as string).slice(0, 10);
const tokensOf = (event: UsageEvent) =>
  ["input_tokens", "output_tokens", "cache_write_5m_tokens", "cache_write_1h_tokens", "cache_read_tokens"]
    .map((key) => Number(event[key] ?? 0))
    .reduce((a, b) => a + b, 0);

/** The dates of the window of `days` days ending on `today` (YYYY-MM-DD), oldest first. */
function windowDates(today: string, days: number): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) =>
    new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

/** What a daily series must hold for `selected` events over the window. */
function expectedSeries(selected: UsageEvent[], dates: string[]): Day[] {
  return dates.map((date) => {
    const onDay = selected.filter((event) => dateOf(event) === date);
    return { date, requests: onDay.length, tokens: onDay.reduce((sum, event) => sum + tokensOf(event), 0) };
  });
}

async function reports(days: number): Promise<{ dashboard: Json; user: Json; today: string }> {
  const { rows } = await client.query(
    `SELECT get_ai_usage_dashboard($1) AS dashboard, get_user_ai_usage($2, $1) AS user,
            ((now() AT TIME ZONE reporting_time_zone)::date)::text AS today
     FROM ai_usage_settings`,
    [days, USERS.alice],
  );
  return rows[0];
}

const series = (list: unknown) =>
  (list as Json[]).map((day) => ({ date: day.date, requests: day.requests, tokens: day.tokens }));

describe("report windows", () => {
  test.each([1, 2, 7, 11, 29, 30, 31, 41, 400, 3660])(
    "p_days = %s covers exactly that many whole days",
    async (days) => {
      const { dashboard, user, today } = await reports(days);
      const dates = windowDates(today, days);
      const inWindow = events.filter((event) => dates.includes(dateOf(event)));
      expect(dashboard.period).toEqual({
        days,
        start_date: dates[0],
        end_date: today,
        time_zone: reportingZoneUnderTest(),
      });
      expect(user.period).toEqual(dashboard.period);
      expect(series(dashboard.daily_trend)).toEqual(expectedSeries(inWindow, dates));
      const alices = inWindow.filter((event) => event.user_id === USERS.alice);
      expect(series(user.daily_usage)).toEqual(expectedSeries(alices, dates));
      expect((dashboard.summary as Json).total_requests).toBe(inWindow.length);
      expect((user.summary as Json).total_requests).toBe(alices.length);
    },
  );

  test("p_days = 1 is today only", async () => {
    const { dashboard, today } = await reports(1);
    const todays = events.filter((event) => dateOf(event) === today);
    expect(dashboard.daily_trend).toEqual([
      expect.objectContaining({
        date: today,
        requests: todays.length,
        unique_users: new Set(todays.map((e) => e.user_id)).size,
      }),
    ]);
    expect((dashboard.summary as Json).total_requests).toBe(todays.length);
  });

  test("p_days = 30 includes the day 29 days back and excludes the day 30 days back", async () => {
    const { dashboard, today } = await reports(30);
    const day29 = windowDates(today, 30)[0]!;
    const day30 = windowDates(today, 31)[0]!;
    const trend = dashboard.daily_trend as Json[];
    expect(trend[0]).toMatchObject({
      date: day29,
      requests: events.filter((e) => dateOf(e) === day29).length,
    });
    expect(trend.some((day) => day.date === day30)).toBe(false);
    // The fixture has one request at 23:59 on the day 30 days back: it must not count.
    expect(events.filter((e) => dateOf(e) === day30).length).toBeGreaterThan(0);
    const { dashboard: wider } = await reports(31);
    expect((wider.summary as Json).total_requests).toBe(
      ((dashboard.summary as Json).total_requests as number) +
        events.filter((e) => dateOf(e) === day30).length,
    );
  });

  test("days without usage are listed with zeros", async () => {
    const { dashboard, user } = await reports(9);
    const zero = (day: Json) => day.requests === 0 && day.tokens === 0 && day.cost === 0;
    const emptyDays = (dashboard.daily_trend as Json[]).filter(zero);
    expect(emptyDays.length).toBeGreaterThanOrEqual(7);
    expect(emptyDays.every((day) => day.unique_users === 0)).toBe(true);
    expect((user.daily_usage as Json[]).filter(zero).length).toBeGreaterThanOrEqual(7);
  });
});
