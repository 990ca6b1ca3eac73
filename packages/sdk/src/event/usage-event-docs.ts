import { USAGE_EVENT_FIELDS, type UsageEventField } from "./usage-event-fields.js";

/**
 * The event-object table of docs/database-api.md, written from the definition. The docs keep it
 * between these markers; `pnpm --filter @org/ai-usage-sdk docs:event` rewrites it, and a test
 * fails while the docs differ from what that would write.
 */
export const DOCS_TABLE_START = "<!-- usage-event-fields:start -->";
export const DOCS_TABLE_END = "<!-- usage-event-fields:end -->";
const GENERATED_NOTE =
  "<!-- generated from packages/sdk/src/event/usage-event-fields.ts by `pnpm --filter @org/ai-usage-sdk docs:event` -->";

const number = (value: number) => value.toLocaleString("en-US");

function limits(field: UsageEventField): string {
  switch (field.kind) {
    case "uuid":
      return "a UUID";
    case "text":
      return `${field.minLength} to ${number(field.maxLength)} characters`;
    case "integer":
      return `${number(field.min)} to ${number(field.max)}`;
    case "enum":
      return field.values.map((value) => `\`${value}\``).join(" or ");
    case "timestamptz":
      return `ISO 8601 with a zone, from ${field.earliest.slice(0, 10)} to ${field.maxAheadMinutes} minutes after now()`;
  }
}

function whenAbsent(field: UsageEventField): string {
  const absent = field.whenAbsent;
  if ("required" in absent) return "**required**";
  if ("storedAsNull" in absent) return "NULL";
  if ("default" in absent) {
    return typeof absent.default === "string" ? `\`'${absent.default}'\`` : `\`${absent.default}\``;
  }
  return absent.computed;
}

function sdkKey(field: UsageEventField): string {
  const notes = [
    field.sdk.required && "required",
    field.sdk.emptyMeansAbsent && '`""` = absent',
    field.sdk.truncates && "longer is cut",
    field.sdk.defaultLeftToDatabase && "absent = not sent",
  ].filter(Boolean);
  return notes.length > 0 ? `\`${field.sdk.key}\` (${notes.join(", ")})` : `\`${field.sdk.key}\``;
}

const HEADER = ["key", "type", "accepts", "missing or null", "SDK (`record()`)", "meaning"];

/** A Markdown table padded the way the rest of the docs are (column width in characters). */
function markdownTable(rows: string[][]): string {
  const width = (text: string) => [...text].length;
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => width(row[column] ?? ""))));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell + " ".repeat(widths[column]! - width(cell))).join(" | ")} |`;
  const [header, ...body] = rows;
  return [line(header!), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

/** The table, markers included. */
export function renderUsageEventTable(): string {
  const rows = USAGE_EVENT_FIELDS.map((field) => [
    `\`${field.json}\``,
    field.kind,
    limits(field),
    whenAbsent(field),
    sdkKey(field),
    field.description,
  ]);
  return [DOCS_TABLE_START, GENERATED_NOTE, "", markdownTable([HEADER, ...rows]), "", DOCS_TABLE_END].join(
    "\n",
  );
}

/** `document` with the text between the markers (markers included) replaced by `table`. */
export function withUsageEventTable(document: string, table: string): string {
  const start = document.indexOf(DOCS_TABLE_START);
  const end = document.indexOf(DOCS_TABLE_END);
  if (start < 0 || end < start) {
    throw new Error(`the docs have no ${DOCS_TABLE_START} ... ${DOCS_TABLE_END} section`);
  }
  return document.slice(0, start) + table + document.slice(end + DOCS_TABLE_END.length);
}
