import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv.js";

describe("CSV export", () => {
  it("quotes what needs quoting and leaves numbers raw", () => {
    expect(
      toCsv(
        ["name", "cost"],
        [
          ["Acme, Inc.", 1.5],
          ['Say "hi"', 0],
          [null, null],
        ],
      ),
    ).toBe('name,cost\r\n"Acme, Inc.",1.5\r\n"Say ""hi""",0\r\n,\r\n');
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("@sum")).toBe("'@sum");
    expect(csvField(-1.5)).toBe("-1.5");
  });
});
