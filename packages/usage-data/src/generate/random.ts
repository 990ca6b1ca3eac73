import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

/** "00".."ff": session ids are drawn per session, so this is on the hot path. */
const hexByte = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/**
 * A seeded source of randomness. All generation goes through one of these so that the same seed
 * always yields the same data (never Math.random). Mutable on purpose: the generator is the hot
 * path of a million-event seed and pure (copying) generators would allocate per draw.
 */
export class Random {
  private readonly generator: RandomGenerator;
  private spareNormal: number | undefined;

  constructor(seed: number) {
    this.generator = xoroshiro128plus(seed);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return uniformFloat64(this.generator);
  }

  /** Uniform integer in [from, to], both included. */
  int(from: number, to: number): number {
    return from + Math.floor(this.float() * (to - from + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  /** Standard normal (Box-Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const value = this.spareNormal;
      this.spareNormal = undefined;
      return value;
    }
    const u = 1 - this.float(); // (0, 1]: log(0) must never happen
    const v = this.float();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-space spread: heavy-tailed, always positive. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** 32 random bits as 8 lowercase hex digits. */
  hex32(): string {
    const bits = this.generator.next();
    return (
      hexByte[(bits >>> 24) & 0xff]! +
      hexByte[(bits >>> 16) & 0xff]! +
      hexByte[(bits >>> 8) & 0xff]! +
      hexByte[bits & 0xff]!
    );
  }

  /** A version-4-shaped UUID drawn from this generator (deterministic, unlike crypto.randomUUID). */
  uuid(): string {
    const hex = this.hex32() + this.hex32() + this.hex32() + this.hex32();
    const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
