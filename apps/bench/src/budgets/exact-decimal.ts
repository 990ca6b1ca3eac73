/**
 * Exact comparison of the USD amounts the database sends as JSON numbers. They are numerics with
 * at most a dozen decimals, so the shortest decimal text of the double that JSON.parse made is the
 * database's own text; adding doubles instead could call a sum equal to the limit "over" it (or
 * the reverse), and the refusal check must not be looser or stricter than the rule it checks.
 */
const scaleDigits = 18;

/** `value` in units of 10^-18 USD, exactly as its decimal text reads. */
export function decimalUnits(value: number): bigint {
  if (!Number.isFinite(value)) throw new Error(`not a finite amount: ${value}`);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(value));
  if (!match) throw new Error(`unreadable amount: ${value}`);
  const [, sign, whole, fraction = "", exponentText = "0"] = match;
  const exponent = Number(exponentText);
  const digits = BigInt(`${whole}${fraction}`);
  const shift = scaleDigits + exponent - fraction.length;
  if (shift < 0) throw new Error(`amount ${value} has more than ${scaleDigits} decimals`);
  const units = digits * 10n ** BigInt(shift);
  return sign === "-" ? -units : units;
}

/**
 * Whether the sum of `parts` is strictly greater than `limit`, computed exactly; with `slack`,
 * whether it is once `slack` is added (for parts that were rounded before they were sent).
 */
export function sumExceeds(parts: readonly number[], limit: number, slack = 0): boolean {
  return parts.reduce((sum, part) => sum + decimalUnits(part), decimalUnits(slack)) > decimalUnits(limit);
}
