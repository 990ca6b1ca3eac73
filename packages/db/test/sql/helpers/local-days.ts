import type pg from "pg";

// Days as the reports count them: local days of the database's reporting time zone, today being
// the one its now() falls on. Tests build their timestamps from these rather than from Node's
// clock, so they mean the same on any date, at any hour and in any zone.

/** The database's today in its reporting time zone, as YYYY-MM-DD. */
export async function reportingToday(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ today: string }>(
    "SELECT ((now() AT TIME ZONE reporting_time_zone)::date)::text AS today FROM ai_usage_settings",
  );
  return rows[0]!.today;
}

/** The instant the database's today starts, in its reporting time zone. */
export async function todayStart(client: pg.Client): Promise<Date> {
  const { rows } = await client.query<{ start: Date }>(
    `SELECT ((now() AT TIME ZONE reporting_time_zone)::date)::timestamp AT TIME ZONE reporting_time_zone AS start
     FROM ai_usage_settings`,
  );
  return rows[0]!.start;
}

/** `date` (YYYY-MM-DD) moved by `days` whole days: calendar arithmetic, no clock involved. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * Each [local date, minute of that day] as the instant it names in the reporting time zone,
 * written as local time with its UTC offset (2026-03-29T01:40:00+01:00): the first ten characters
 * are the local date a report must put it on.
 */
export async function localTimestamps(client: pg.Client, slots: [string, number][]): Promise<string[]> {
  const { rows } = await client.query<{ at: string }>(
    `SELECT to_char(local_at, 'YYYY-MM-DD"T"HH24:MI:SS')
            || CASE WHEN utc_offset < interval '0' THEN '-' ELSE '+' END
            || to_char(CASE WHEN utc_offset < interval '0' THEN -utc_offset ELSE utc_offset END, 'HH24:MI') AS at
     FROM unnest($1::date[], $2::integer[]) WITH ORDINALITY AS slot(day, minute, n)
     CROSS JOIN (SELECT reporting_time_zone AS tz FROM ai_usage_settings) zone
     CROSS JOIN LATERAL (SELECT (slot.day + make_interval(mins => slot.minute)) AT TIME ZONE zone.tz AS instant) i
     CROSS JOIN LATERAL (SELECT i.instant AT TIME ZONE zone.tz AS local_at,
                                (i.instant AT TIME ZONE zone.tz) - (i.instant AT TIME ZONE 'UTC') AS utc_offset) l
     ORDER BY slot.n`,
    [slots.map(([day]) => day), slots.map(([, minute]) => minute)],
  );
  return rows.map((row) => row.at);
}
