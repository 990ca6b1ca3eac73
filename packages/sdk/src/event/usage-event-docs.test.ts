import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  DOCS_TABLE_END,
  DOCS_TABLE_START,
  renderUsageEventTable,
  withUsageEventTable,
} from "./usage-event-docs.js";
import { USAGE_EVENT_FIELDS } from "./usage-event-fields.js";

const DOCS = fileURLToPath(new URL("../../../../docs/database-api.md", import.meta.url));

describe("the event table of docs/database-api.md", () => {
  it("is what `pnpm --filter @org/ai-usage-sdk docs:event` writes from the definition", () => {
    const docs = readFileSync(DOCS, "utf8");
    const section = docs.slice(
      docs.indexOf(DOCS_TABLE_START),
      docs.indexOf(DOCS_TABLE_END) + DOCS_TABLE_END.length,
    );
    expect(section, "run `pnpm --filter @org/ai-usage-sdk docs:event`").toBe(renderUsageEventTable());
  });

  it("has one row per field, with its limits", () => {
    const rows = renderUsageEventTable()
      .split("\n")
      .filter((line) => line.startsWith("| `"));
    expect(rows.map((row) => row.split("`")[1])).toEqual(USAGE_EVENT_FIELDS.map((field) => field.json));
    expect(rows.find((row) => row.startsWith("| `latency_ms`"))).toContain("0 to 86,400,000");
  });

  it("refuses to write into docs that have no markers (instead of appending somewhere)", () => {
    expect(() => withUsageEventTable("# no table here\n", renderUsageEventTable())).toThrow(
      /usage-event-fields:start/,
    );
  });
});
