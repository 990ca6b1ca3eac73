import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

const twoTo32 = 4_294_967_296;

/**
 * Seeded randomness for the dataset (never Math.random: the same options must give the same
 * events on every run). Mutable on purpose: the generator draws ~15 numbers per event and must not
 * allocate per draw. 32 bits per draw are plenty for picking among a few choices.
 */
export class Random {
  private readonly generator: RandomGenerator;

  constructor(seed: number) {
    this.generator = xoroshiro128plus(seed);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return (this.generator.next() >>> 0) / twoTo32;
  }

  /** Uniform integer in [from, to], both included. */
  int(from: number, to: number): number {
    return from + Math.floor(this.float() * (to - from + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  /** Heavy-tailed positive value around `median` (log-normal, Box-Muller with one value used). */
  logNormal(median: number, sigma: number): number {
    const u = 1 - this.float();
    const v = this.float();
    return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }

  /** A version-4-shaped UUID from this generator (deterministic, unlike crypto.randomUUID). */
  uuid(): string {
    let hex = "";
    for (let word = 0; word < 4; word++) hex += (this.generator.next() >>> 0).toString(16).padStart(8, "0");
    const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/**
 * Picks items by weight in O(1): a table of `resolution` slots filled in proportion to the
 * weights (exact enough for a benchmark's mix; a binary search per draw would cost more).
 */
export class WeightedTable<T> {
  private readonly slots: T[];

  constructor(items: readonly T[], weights: readonly number[], resolution = 65_536) {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    this.slots = [];
    let cumulative = 0;
    items.forEach((item, index) => {
      cumulative += weights[index]!;
      const end = index === items.length - 1 ? resolution : Math.round((cumulative / total) * resolution);
      while (this.slots.length < end) this.slots.push(item);
    });
    if (this.slots.length === 0)
      throw new Error("WeightedTable needs at least one item with a positive weight");
  }

  pick(random: Random): T {
    return this.slots[Math.floor(random.float() * this.slots.length)]!;
  }
}
