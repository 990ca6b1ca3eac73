const dayMs = 86_400_000;
const twoDigits = Array.from({ length: 100 }, (_, value) => String(value).padStart(2, "0"));
const threeDigits = Array.from({ length: 1000 }, (_, value) => String(value).padStart(3, "0"));

/**
 * `Date#toISOString` for increasing times, faster: the date part is computed once per UTC day and
 * the time of day with table lookups (toISOString cost ~1-2 µs, a fifth of the generator's time).
 */
export class IsoTimeFormatter {
  private day = Number.NaN;
  private datePart = "";

  format(ms: number): string {
    const day = Math.floor(ms / dayMs);
    if (day !== this.day) {
      this.day = day;
      this.datePart = new Date(day * dayMs).toISOString().slice(0, 11); // "YYYY-MM-DDT"
    }
    let rest = ms - day * dayMs;
    const millis = rest % 1000;
    rest = (rest - millis) / 1000;
    const seconds = rest % 60;
    rest = (rest - seconds) / 60;
    const minutes = rest % 60;
    const hours = (rest - minutes) / 60;
    return `${this.datePart}${twoDigits[hours]}:${twoDigits[minutes]}:${twoDigits[seconds]}.${threeDigits[millis]}Z`;
  }
}
