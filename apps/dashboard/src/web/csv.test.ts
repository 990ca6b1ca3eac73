import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv.js";

describe("CSV export", () => {
  it("quotes every text field and leaves numbers raw", () => {
    expect(
      toCsv(
        ["name", "cost"],
        [
          ["Acme, Inc.", 1.5],
          ['Say "hi"', 0],
          ["Plain", -2],
          [null, null],
        ],
      ),
    ).toBe('"name","cost"\r\n"Acme, Inc.",1.5\r\n"Say ""hi""",0\r\n"Plain",-2\r\n,\r\n');
  });

  it("keeps a name with a semicolon in one cell, for spreadsheets that split on semicolons", () => {
    expect(csvField("Acme;=cmd|' /C calc'!A0")).toBe("\"Acme;=cmd|' /C calc'!A0\"");
    expect(csvField("a\tb")).toBe('"a\tb"');
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("+1")).toBe(`"'+1"`);
    expect(csvField("-1")).toBe(`"'-1"`);
    expect(csvField("@sum")).toBe(`"'@sum"`);
    expect(csvField("\t=1")).toBe(`"'\t=1"`);
    expect(csvField("\r=1")).toBe(`"'\r=1"`);
    expect(csvField(-1.5)).toBe("-1.5");
    expect(csvField(Number.NaN)).toBe("");
  });
});
