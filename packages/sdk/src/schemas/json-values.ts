import { z } from "zod";

/** Shared building blocks for the JSON the report functions return (docs/database-api.md). */
export const count = z.number().int().nonnegative();
export const usd = z.number();
/** `YYYY-MM-DD` in the reporting time zone. */
export const reportDate = z.iso.date();
/** An ISO 8601 timestamp as PostgreSQL writes it into JSON (offset included). */
export const timestamp = z.iso.datetime({ offset: true });

export const PeriodSchema = z.object({
  days: count,
  start_date: reportDate,
  end_date: reportDate,
  time_zone: z.string(),
});
export type Period = z.infer<typeof PeriodSchema>;
