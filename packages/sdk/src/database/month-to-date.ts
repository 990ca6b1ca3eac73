import { z } from "zod";
import type { UsageDashboard } from "../schemas/dashboard.js";

/**
 * "This month so far" against the same days of last month. Comparing month-to-date with the whole
 * of last month said −95.6 % on the 2nd of every month; this compares days 1..N with days 1..N
 * (the whole previous month when it is shorter than N).
 */
const SpanSchema = z.object({
  start_date: z.iso.date(),
  end_date: z.iso.date(),
  requests: z.number().int().nonnegative(),
  tokens: z.number().int().nonnegative(),
  cost_usd: z.number(),
});

export const MonthToDateSchema = z.object({
  /** The reporting time zone's today (the database's). */
  today: z.iso.date(),
  /** The 1st of this month to today. */
  current: SpanSchema,
  /** The same days of last month: its 1st to the same day of the month, or to its end. */
  previous: SpanSchema,
  /** The whole of last month, for context. */
  previous_month: z.object({ requests: z.number().int(), tokens: z.number().int(), cost_usd: z.number() }),
});
export type MonthToDate = z.infer<typeof MonthToDateSchema>;
type Span = z.infer<typeof SpanSchema>;

/**
 * Days of the dashboard that reach back to last month's 1st whatever today is: day 31 of a month
 * after a 31-day month needs 62.
 */
export const MONTH_TO_DATE_DAYS = 62;

type Day = UsageDashboard["daily_trend"][number];

/** Splits a daily series that reaches back to last month's 1st (see MONTH_TO_DATE_DAYS). */
export function compareMonthToDate(
  dailyTrend: readonly Day[],
  today: string,
  previousMonth: UsageDashboard["previous_month"],
): MonthToDate {
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  const previousYear = month === 1 ? year - 1 : year;
  const previousMonthNumber = month === 1 ? 12 : month - 1;
  const previousLength = daysInMonth(previousYear, previousMonthNumber);
  const previousStart = isoDate(previousYear, previousMonthNumber, 1);
  if (!dailyTrend.some((entry) => entry.date === previousStart))
    throw new Error(`the daily series must reach back to ${previousStart}`);
  return MonthToDateSchema.parse({
    today,
    current: spanOf(dailyTrend, isoDate(year, month, 1), today),
    previous: spanOf(
      dailyTrend,
      previousStart,
      isoDate(previousYear, previousMonthNumber, Math.min(day, previousLength)),
    ),
    previous_month: previousMonth,
  });
}

function spanOf(dailyTrend: readonly Day[], start: string, end: string): Span {
  const days = dailyTrend.filter((entry) => entry.date >= start && entry.date <= end);
  const cost = days.reduce((sum, entry) => sum + entry.cost, 0);
  return {
    start_date: start,
    end_date: end,
    requests: days.reduce((sum, entry) => sum + entry.requests, 0),
    tokens: days.reduce((sum, entry) => sum + entry.tokens, 0),
    // Days come rounded to 4 decimals; their sum, to cents like every total.
    cost_usd: Math.round(cost * 100) / 100,
  };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
