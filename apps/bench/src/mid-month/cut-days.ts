/**
 * The days the mid-month benchmark cuts the data at, latest first: the 21st, 14th, 10th and 7th of
 * the latest month whose 21st is before `today` (YYYY-MM-DD). A 30-day window ending on those days
 * starts 10 to 15 days into the month before, the longest ragged start edges there are; the 28th,
 * where the main benchmark often runs, has a 2-day edge. Latest first, so each cut only deletes more.
 */
export function cutDays(today: string): string[] {
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  // Date.UTC normalises month -1 to December of the year before.
  const monthIndex = day > 21 ? month - 1 : month - 2;
  return [21, 14, 10, 7].map((dayOfMonth) =>
    new Date(Date.UTC(year, monthIndex, dayOfMonth)).toISOString().slice(0, 10),
  );
}

/** Days from a 30-day window's first day to the nearer end of its month: what ranking must read per user. */
export function startEdgeDays(asOf: string, windowDays: number): number {
  const end = Date.parse(`${asOf}T00:00:00Z`);
  const start = new Date(end - (windowDays - 1) * 86_400_000);
  const monthStart = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1);
  const nextMonth = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
  return Math.min((start.getTime() - monthStart) / 86_400_000, (nextMonth - start.getTime()) / 86_400_000);
}
