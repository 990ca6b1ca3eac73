/** Number formats shared by the seed summary and the demo report (en-US: 1,234,567 and $1,234.56). */
const integerFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const usdFormat = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const preciseUsdFormat = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 4,
  maximumFractionDigits: 4,
});

export function formatInteger(value: number): string {
  return integerFormat.format(value);
}

/** Dollars and cents; `precise` shows 4 decimals for per-request amounts. */
export function formatUsd(value: number, precise = false): string {
  return (precise ? preciseUsdFormat : usdFormat).format(value);
}

/** "+12.3%" / "-4.0%"; "n/a" when there is nothing to compare with. */
export function formatChange(current: number, previous: number): string {
  if (previous === 0) return current === 0 ? "0.0%" : "n/a";
  const change = ((current - previous) / previous) * 100;
  return `${change >= 0 ? "+" : ""}${change.toFixed(1)}%`;
}

export function formatShare(part: number, whole: number): string {
  return whole === 0 ? "0.0%" : `${((part / whole) * 100).toFixed(1)}%`;
}

/** "850 ms", "12.4 s", "3 min 05 s". */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, "0")} s`;
}
