import type { Random } from "./random.js";
import { WeightedChoice } from "./weighted-choice.js";

const hourMs = 3_600_000;
export const dayMs = 24 * hourMs;

/** Relative activity per UTC hour: quiet nights, a morning ramp, a lunch dip, busy afternoons. */
const hourWeights = [
  0.12, 0.08, 0.06, 0.06, 0.08, 0.14, 0.3, 0.6, 1.0, 1.45, 1.6, 1.55, 1.2, 1.45, 1.6, 1.5, 1.3, 1.0, 0.7, 0.5,
  0.38, 0.3, 0.22, 0.16,
];

/** Relative activity per weekday, Sunday first (Date#getUTCDay order). */
const weekdayWeights = [0.16, 1.0, 1.06, 1.05, 1.0, 0.85, 0.2];

/** Usage grows about 12% a month, compounding daily. */
const dailyGrowth = Math.log(1.12) / 30;

/** Scheduled jobs fire in the early morning UTC, every day, within a short window. */
const scheduledHourUtc = 6;
const scheduledWindowMs = 40 * 60_000;

export interface DayPlan {
  readonly dayStart: number;
  /** Events made by people (report, insight, widget) on this day. */
  readonly interactiveEvents: number;
  /** Events made by scheduled jobs on this day. */
  readonly scheduledEvents: number;
}

/**
 * When things happen over [end - days, end). The event total is shared out over days first
 * (growth over time, weekday seasonality, a little day-to-day noise), so that each day can be
 * generated, sorted and written in time order, as a real app's rows arrive. Within a day,
 * interactive sessions start at an hour drawn from business-hours weights.
 */
export class Calendar {
  readonly start: number;
  private readonly hours = new WeightedChoice(
    hourWeights.map((_, hour) => hour),
    hourWeights,
  );
  private readonly growthAndNoise: readonly number[];

  constructor(
    random: Random,
    readonly end: number,
    readonly days: number,
  ) {
    this.start = end - days * dayMs;
    this.growthAndNoise = Array.from(
      { length: days },
      (_, day) => Math.exp(dailyGrowth * (day + 1 - days)) * random.logNormal(1, 0.12),
    );
  }

  /** Splits `interactive` and `scheduled` event totals over the days, exactly. */
  plan(interactive: number, scheduled: number): DayPlan[] {
    const interactiveWeights = this.growthAndNoise.map(
      (weight, day) => weight * weekdayWeights[new Date(this.dayStart(day)).getUTCDay()]!,
    );
    const interactivePerDay = apportion(interactive, interactiveWeights);
    const scheduledPerDay = apportion(scheduled, this.growthAndNoise);
    return interactivePerDay.map((interactiveEvents, day) => ({
      dayStart: this.dayStart(day),
      interactiveEvents,
      scheduledEvents: scheduledPerDay[day]!,
    }));
  }

  /** A moment on the given day when a person starts working with the assistant. */
  interactiveInstant(random: Random, dayStart: number): number {
    return dayStart + this.hours.pick(random) * hourMs + Math.floor(random.float() * hourMs);
  }

  /** A moment on the given day when a scheduled report runs. */
  scheduledInstant(random: Random, dayStart: number): number {
    return dayStart + scheduledHourUtc * hourMs + Math.floor(random.float() * scheduledWindowMs);
  }

  private dayStart(day: number): number {
    return this.start + day * dayMs;
  }
}

/** Integer shares of `total` proportional to `weights` that add up to `total` exactly. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((accumulated, weight) => accumulated + weight, 0);
  let cumulative = 0;
  let assigned = 0;
  return weights.map((weight, index) => {
    cumulative += weight;
    const upToHere = index === weights.length - 1 ? total : Math.round((total * cumulative) / sum);
    const share = upToHere - assigned;
    assigned = upToHere;
    return share;
  });
}
