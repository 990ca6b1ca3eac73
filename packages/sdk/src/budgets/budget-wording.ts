import type { BudgetPeriod } from "../schemas/budget-status.js";

/** How budgets are put into words for an app's users: amounts, periods, the day a budget resets. */
export interface WordingOptions {
  /** BCP 47 locale for amounts and dates. Default: `$3.20` and `1 January 2027` (English). */
  locale?: string | undefined;
  /**
   * IANA zone to read `resets_at` in (the reporting time zone). Default: the zone the timestamp
   * was written in, rounded to the nearest midnight (see `resetDay`).
   */
  timeZone?: string | undefined;
}

const PERIOD_WORDS: Record<BudgetPeriod, { adjective: string; current: string }> = {
  day: { adjective: "Daily", current: "today" },
  week: { adjective: "Weekly", current: "this week" },
  month: { adjective: "Monthly", current: "this month" },
};

/** `Monthly`, `Weekly`, `Daily`. */
export function periodAdjective(period: BudgetPeriod): string {
  return PERIOD_WORDS[period].adjective;
}

/** `this month`, `this week`, `today`. */
export function currentPeriod(period: BudgetPeriod): string {
  return PERIOD_WORDS[period].current;
}

/**
 * `$3.20`: US dollars to the cent (what a user is shown; the exact figures stay in the object).
 * Amounts under a cent keep two significant digits (`$0.0042`), so a tiny limit does not read $0.00.
 */
export function formatUsd(amount: number, locale?: string): string {
  const subCent = amount !== 0 && Math.abs(amount) < 0.01;
  return new Intl.NumberFormat(locale ?? "en-US", {
    style: "currency",
    currency: "USD",
    ...(subCent ? { maximumSignificantDigits: 2 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  }).format(amount);
}

interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/**
 * The calendar day a budget resets on. A period ends at midnight of the reporting time zone, but
 * PostgreSQL writes the instant in the session's zone (UTC on most servers), so 00:00 in Berlin
 * reads `2026-12-31T23:00:00+00:00`. Without `timeZone`, the wall clock as written is rounded to
 * the nearest midnight, which gives the right day whenever the two zones are less than 12 hours
 * apart (and always when they are the same).
 */
export function resetDay(resetsAt: string | Date, timeZone?: string): CalendarDay {
  const wall = timeZone ? wallClockIn(new Date(resetsAt), timeZone) : wallClockAsWritten(resetsAt);
  const midnight = Date.UTC(wall.year, wall.month - 1, wall.day);
  const rounded = wall.hour >= 12 ? midnight + 86_400_000 : midnight;
  const date = new Date(rounded);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** `1 January 2027` (`withYear`) or `1 January`, in `locale`'s words. */
export function formatDay(
  day: CalendarDay,
  options: { locale?: string | undefined; withYear: boolean },
): string {
  return new Intl.DateTimeFormat(options.locale ?? "en-GB", {
    day: "numeric",
    month: "long",
    ...(options.withYear ? { year: "numeric" } : {}),
    timeZone: "UTC",
  }).format(new Date(Date.UTC(day.year, day.month - 1, day.day)));
}

type WallClock = CalendarDay & { hour: number };

function wallClockAsWritten(resetsAt: string | Date): WallClock {
  const text = typeof resetsAt === "string" ? resetsAt : resetsAt.toISOString();
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2})/.exec(text);
  if (!match) return wallClockIn(new Date(text), "UTC");
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), hour: Number(match[4]) };
}

function wallClockIn(instant: Date, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    hourCycle: "h23",
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour") };
}
