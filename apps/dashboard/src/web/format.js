// @ts-check
// Every number on the page goes through these functions, so a figure looks the same wherever it
// appears (KPI, chart label, table cell, CSV aside). The locale is fixed: the page must read the
// same on every machine, and the end-to-end test compares against these exact strings.

const LOCALE = "en-US";
const DASH = "—";

const usd2 = new Intl.NumberFormat(LOCALE, {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
// Under half a cent, cents would say "$0.00": two significant digits say what it really cost.
const usdUnderACent = new Intl.NumberFormat(LOCALE, {
  style: "currency",
  currency: "USD",
  maximumSignificantDigits: 2,
});
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(LOCALE, { notation: "compact", maximumFractionDigits: 1 });
const percent1 = new Intl.NumberFormat(LOCALE, {
  style: "percent",
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/**
 * Money, the one way the page shows it (KPIs, tables, drill-down, charts' labels): US dollars with
 * cents, `$1,234.56`. An amount under half a cent that is not zero (one cheap request) keeps two
 * significant digits, `$0.0042`, so a paid request never reads as free. Exact values are in the CSV.
 */
export function formatUsd(/** @type {number} */ value) {
  return value !== 0 && Math.abs(value) < 0.005 ? usdUnderACent.format(value) : usd2.format(value);
}

/** Short USD for chart axes: `$1.2K`, `$85`, `$0.50`. */
export function formatUsdAxis(/** @type {number} */ value) {
  if (Math.abs(value) >= 1000) return `$${compact.format(value)}`;
  if (Math.abs(value) >= 10 || value === 0) return `$${integer.format(value)}`;
  return usd2.format(value);
}

/** A count with thousands separators: `1,234,567`. */
export function formatCount(/** @type {number} */ value) {
  return integer.format(value);
}

/** A count of things, singular for one: `1 request`, `1,234 requests`. */
export function formatCountOf(/** @type {number} */ value, /** @type {string} */ singular) {
  return `${integer.format(value)} ${value === 1 ? singular : `${singular}s`}`;
}

/**
 * A count in a headline figure: exact up to 999,999, then short, `381.5M`, so that a big project's
 * tokens fit their card (give the exact count in a title beside it).
 */
export function formatCountShort(/** @type {number} */ value) {
  return Math.abs(value) < 1_000_000 ? integer.format(value) : compact.format(value);
}

/** A count for chart axes: `1.2K`, `3.4M`. */
export function formatCountAxis(/** @type {number} */ value) {
  return compact.format(value);
}

/** `part / whole` as a percentage with one decimal; a dash when there is nothing to divide. */
export function formatRatio(/** @type {number} */ part, /** @type {number} */ whole) {
  return whole > 0 ? percent1.format(part / whole) : DASH;
}

/** Milliseconds with separators; a dash when no request reported a latency. */
export function formatLatency(/** @type {number | null} */ milliseconds) {
  return milliseconds === null || milliseconds === 0 ? DASH : `${integer.format(milliseconds)} ms`;
}

/**
 * The change from `previous` to `current`, signed: `+12.5%`, `−3.0%`, `no change`. Against a previous
 * value of zero there is no percentage to give: `new` when something started, a dash otherwise.
 * @returns {{ text: string, direction: "up" | "down" | "flat" }}
 */
export function formatChange(/** @type {number} */ current, /** @type {number} */ previous) {
  if (previous === 0) return { text: current > 0 ? "new" : DASH, direction: current > 0 ? "up" : "flat" };
  const ratio = (current - previous) / previous;
  if (Math.abs(ratio) < 0.0005) return { text: "no change", direction: "flat" };
  const magnitude = percent1.format(Math.abs(ratio));
  return ratio > 0
    ? { text: `+${magnitude}`, direction: "up" }
    : { text: `−${magnitude}`, direction: "down" };
}

/** A report date (`YYYY-MM-DD`, already in the reporting zone) as `Nov 27`. */
export function formatShortDate(/** @type {string} */ isoDate) {
  const [year, month, day] = isoDate.split("-").map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  return date.toLocaleDateString(LOCALE, { month: "short", day: "numeric", timeZone: "UTC" });
}

/** A timestamp shown in the reporting time zone, as `2026-11-27 14:05` (sortable and unambiguous). */
export function formatTimestamp(/** @type {string} */ iso, /** @type {string} */ timeZone) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  /** @param {string} type */
  const part = (type) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}

/** Days of one month as `Nov 1–3`, or `Nov 1` for one day. */
export function formatDaySpan(/** @type {string} */ start, /** @type {string} */ end) {
  return start === end ? formatShortDate(start) : `${formatShortDate(start)}–${Number(end.slice(8))}`;
}

/** `2026-10-29 – 2026-11-27` for the period line. */
export function formatDateRange(/** @type {string} */ start, /** @type {string} */ end) {
  return start === end ? start : `${start} – ${end}`;
}
