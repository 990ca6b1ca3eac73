// Rates as exact integers: a catalog rate is numeric(12,6) USD per million tokens, i.e. a whole
// number of micro-dollars per million tokens. LiteLLM writes per-token rates as JSON numbers such as
// 1.875e-08; read as binary floats, x 1e6 gives 0.018750000000000003. Working on the number's text
// with bigint keeps every catalog rate exactly what the table says.

/** USD per million tokens, in millionths of a dollar (numeric(12,6) without its decimal point). */
export type RateMicros = bigint;

/** numeric(12,6) holds up to 999999.999999. */
const NUMERIC_12_6_LIMIT = 10n ** 12n;

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Thrown when a rate from the table cannot be stored exactly (the sync must not round prices). */
export class RateRangeError extends Error {
  override readonly name = "RateRangeError";
}

/** The text of a JSON number as digits x 10^exponent. */
function parseDecimalText(text: string): { digits: bigint; exponent: number } {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) throw new RateRangeError(`"${text}" is not a decimal number`);
  const [, sign, whole, fraction = "", exponent = "0"] = match;
  const digits = BigInt(`${sign}${whole}${fraction}`);
  return { digits, exponent: Number(exponent) - fraction.length };
}

/**
 * A per-token rate's JSON text as USD per million tokens, exactly: 1.875e-08 -> 0.01875.
 * Fails loudly when the result has more than 6 decimals, is negative or does not fit numeric(12,6).
 */
export function perTokenTextToRateMicros(text: string): RateMicros {
  const { digits, exponent } = parseDecimalText(text);
  // per token -> per million tokens (x 1e6) -> micro-dollars (x 1e6)
  const shift = exponent + 12;
  let micros: bigint;
  if (shift >= 0) {
    micros = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    if (digits % divisor !== 0n) {
      throw new RateRangeError(
        `${text} per token is more precise than numeric(12,6) per million tokens (6 decimals) can store`,
      );
    }
    micros = digits / divisor;
  }
  if (micros < 0n) throw new RateRangeError(`${text} per token is negative`);
  if (micros >= NUMERIC_12_6_LIMIT) {
    throw new RateRangeError(
      `${text} per token is ${formatRate(micros)} per million tokens: above numeric(12,6)`,
    );
  }
  return micros;
}

/** A numeric(12,6) value as PostgreSQL prints it ("0.018750") or as we write it ("0.01875"). */
export function rateMicrosFromText(text: string): RateMicros {
  const { digits, exponent } = parseDecimalText(text);
  const shift = exponent + 6;
  if (shift >= 0) return digits * 10n ** BigInt(shift);
  const divisor = 10n ** BigInt(-shift);
  if (digits % divisor !== 0n) throw new RateRangeError(`${text} has more than 6 decimals`);
  return digits / divisor;
}

/**
 * rate x numerator / denominator, rounded half up to the micro-dollar: derived rates (a tier's
 * missing bucket scaled by its input ratio, a multiplier) are the only ones that may round.
 */
export function scaleRate(rate: RateMicros, numerator: bigint, denominator: bigint): RateMicros {
  if (denominator <= 0n) throw new RangeError("scaleRate: the denominator must be positive");
  const product = rate * numerator;
  return (product * 2n + denominator) / (2n * denominator);
}

/** "0.01875", "3", "15.5": the shortest exact decimal, for SQL and for people. */
export function formatRate(micros: RateMicros): string {
  const negative = micros < 0n;
  const absolute = negative ? -micros : micros;
  const whole = absolute / 1_000_000n;
  const fraction = (absolute % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}
