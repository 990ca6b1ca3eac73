import type { Random } from "./random.js";

/**
 * Picks items with probability proportional to their weight: cumulative sums plus a binary
 * search, so a pick costs O(log n) even over thousands of hour slots or users.
 */
export class WeightedChoice<T> {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) {
      throw new Error("WeightedChoice needs one weight per item and at least one item");
    }
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((weight, index) => {
      if (!(weight >= 0)) throw new Error(`weight ${index} must be a non-negative number`);
      sum += weight;
      this.cumulative[index] = sum;
    });
    if (sum <= 0) throw new Error("WeightedChoice needs a positive total weight");
    this.total = sum;
  }

  pickIndex(random: Random): number {
    const target = random.float() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  pick(random: Random): T {
    return this.items[this.pickIndex(random)]!;
  }

  /** The probability of item `index` (for expected means and tests). */
  share(index: number): number {
    const previous = index === 0 ? 0 : this.cumulative[index - 1]!;
    return (this.cumulative[index]! - previous) / this.total;
  }
}
