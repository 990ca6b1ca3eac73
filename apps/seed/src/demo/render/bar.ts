const eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/** A horizontal bar of `value / maximum` of `width` characters, drawn to an eighth of a character. */
export function bar(value: number, maximum: number, width: number): string {
  if (maximum <= 0 || value <= 0) return "";
  const eighthsTotal = Math.max(1, Math.round((value / maximum) * width * 8));
  return "█".repeat(Math.floor(eighthsTotal / 8)) + eighths[eighthsTotal % 8];
}
