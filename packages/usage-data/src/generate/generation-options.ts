import { z } from "zod";

/** One day of events is generated, sorted and written at a time: this bounds the memory it takes. */
export const maximumEventsPerDay = 1_000_000;

/**
 * What a generated dataset depends on. Same options ⇒ same events, byte for byte.
 * `end` is the exclusive end of the time range, always passed in (tests inject it, the apps take
 * the database's clock), so no dataset depends on this machine's clock. The events are shared over
 * the `days` whole UTC days that end at or after it: a UTC midnight gives exactly `events`
 * (the bench and `pnpm seed` use the start of the database's current day); any other instant
 * (the demo: the database's now()) cuts its day there, so the dataset runs up to that moment and
 * holds only that day's events before it.
 */
export const generationOptionsSchema = z
  .object({
    events: z.number().int().min(1).max(50_000_000).default(200_000),
    days: z.number().int().min(1).max(3660).default(90),
    users: z.number().int().min(1).max(1_000_000).default(100),
    customers: z.number().int().min(1).max(1_000_000).default(30),
    seed: z.number().int().min(0).max(0x7fffffff).default(42),
    end: z.date(),
  })
  .refine((options) => options.events <= maximumEventsPerDay * options.days, {
    path: ["events"],
    message:
      `at most ${maximumEventsPerDay.toLocaleString("en-US")} events a day on average (events / days): ` +
      "the generator holds one day of events in memory (about 400 bytes each); spread them over more days",
  });

export type GenerationOptions = z.infer<typeof generationOptionsSchema>;
export type GenerationOptionsInput = z.input<typeof generationOptionsSchema>;

const dayMs = 86_400_000;

/** Midnight UTC at or before `instant`. */
export function startOfUtcDay(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / dayMs) * dayMs);
}

/** Midnight UTC at or after `instant`: the end of the last whole day a dataset ending at `instant` spans. */
export function endOfUtcDay(instant: Date): Date {
  return new Date(Math.ceil(instant.getTime() / dayMs) * dayMs);
}
