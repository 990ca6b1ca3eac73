import { describe, expect, it } from "vitest";
import { NUMBER_MARK, parseJsonKeepingNumberText } from "./json-number-text.js";

describe("parseJsonKeepingNumberText", () => {
  it("keeps every number's text and leaves strings alone", () => {
    const parsed = parseJsonKeepingNumberText(
      '{"a": 1.875e-08, "b": [0.0, -2, 3E+2], "c": "x 1.5 \\" 2", "d": true, "e": null}',
    );
    expect(parsed).toEqual({
      a: `${NUMBER_MARK}1.875e-08`,
      b: [`${NUMBER_MARK}0.0`, `${NUMBER_MARK}-2`, `${NUMBER_MARK}3E+2`],
      c: 'x 1.5 " 2',
      d: true,
      e: null,
    });
  });

  it("rejects what JSON.parse rejects", () => {
    expect(() => parseJsonKeepingNumberText('{"a": }')).toThrow(SyntaxError);
    expect(() => parseJsonKeepingNumberText('{"a": "open')).toThrow(/unterminated string/);
  });
});
