import { describe, expect, it } from "vitest";
import { resultFromRows, toSqlCall } from "./sql-call.js";

describe("toSqlCall", () => {
  it("calls a scalar function with named, cast arguments, leaving undefined ones to their defaults", () => {
    const call = {
      name: "reprice_ai_usage",
      args: [
        { name: "p_model_used", value: "gpt-4o", type: "text" as const },
        { name: "p_from", value: undefined, type: "timestamptz" as const },
        { name: "p_to", value: new Date("2026-01-01T00:00:00Z"), type: "timestamptz" as const },
      ],
      returns: "value" as const,
    };
    expect(toSqlCall(call)).toEqual({
      text: "select public.reprice_ai_usage(p_model_used => $1::text, p_to => $2::timestamptz) as result",
      values: ["gpt-4o", "2026-01-01T00:00:00.000Z"],
    });
    expect(resultFromRows(call, [{ result: 3 }])).toBe(3);
  });

  it("sends an integer array as an array literal, the same through every SQL driver", () => {
    const call = {
      name: "set_ai_usage_budget",
      args: [{ name: "p_thresholds", value: [50, 80, 100], type: "integer[]" as const }],
      returns: "value" as const,
    };
    expect(toSqlCall(call)).toEqual({
      text: "select public.set_ai_usage_budget(p_thresholds => $1::integer[]) as result",
      values: ["{50,80,100}"],
    });
  });

  it("selects the rows of a set-returning function and sends jsonb as JSON text", () => {
    const call = {
      name: "log_ai_usage_batch",
      args: [{ name: "p_events", value: [{ user_id: "u" }], type: "jsonb" as const }],
      returns: "rows" as const,
    };
    expect(toSqlCall(call)).toEqual({
      text: "select * from public.log_ai_usage_batch(p_events => $1::jsonb)",
      values: ['[{"user_id":"u"}]'],
    });
  });

  it("refuses identifiers that are not plain names", () => {
    expect(() => toSqlCall({ name: "x; drop table y", args: [], returns: "value" })).toThrow(
      /invalid function name/,
    );
  });
});
