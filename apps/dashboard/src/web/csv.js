// @ts-check
// CSV export of a table: raw values (not the formatted text), so a spreadsheet can add them up.

/** @typedef {string | number | null | undefined} CsvValue */

/** A cell a spreadsheet would run as a formula starts with one of these (OWASP, "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180). Numbers are written raw, so a spreadsheet can add them up. Every text
 * field is quoted, whatever it holds: a spreadsheet in a locale that splits on `;` (or tab) would
 * otherwise cut `Acme;=cmd|...` in two and run the second half as a formula. Text that starts like a
 * formula (`=`, `+`, `-`, `@`, tab, CR) also gets a leading apostrophe, which spreadsheets read as
 * "this is text", as OWASP advises: names and emails come from users, and an importer that ignores
 * the quotes would still see a formula.
 * @param {CsvValue} value
 */
export function csvField(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * @param {string[]} header
 * @param {CsvValue[][]} rows
 */
export function toCsv(header, rows) {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * Hands the CSV to the browser as a download.
 * @param {string} fileName
 * @param {string} csv
 */
export function downloadCsv(fileName, csv) {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
