import { describe, expect, it } from "vitest";
import { databaseErrorFrom, isTransientSqlState } from "./classify.js";
import { UsageConnectionError, UsageDatabaseError, UsagePermissionError } from "./database-errors.js";
import { isUsageError } from "./usage-error.js";

const failure = (overrides: Parameters<typeof databaseErrorFrom>[0] extends infer T ? Partial<T> : never) =>
  databaseErrorFrom({ functionName: "get_ai_cost_summary", message: "boom", ...overrides });

describe("retry rules", () => {
  it.each(["08000", "08006", "08P01", "40001", "40P01", "53000", "53300", "57P01", "57P03"])(
    "%s is transient",
    (code) => expect(isTransientSqlState(code)).toBe(true),
  );
  it.each(["22023", "42501", "23505", "P0001", "57014", "42883", undefined])("%s is not", (code) =>
    expect(isTransientSqlState(code)).toBe(false),
  );
});

describe("databaseErrorFrom", () => {
  it("makes 42501 a UsagePermissionError, never retryable", () => {
    const error = failure({ code: "42501", status: 403 });
    expect(error).toBeInstanceOf(UsagePermissionError);
    expect(error.name).toBe("UsagePermissionError");
    expect(error.retryable).toBe(false);
    expect(isUsageError(error)).toBe(true);
  });

  it("keeps the SQLSTATE of other database errors", () => {
    const error = failure({ code: "22023", status: 400, hint: "use 1..3660" });
    expect(error).toBeInstanceOf(UsageDatabaseError);
    expect((error as UsageDatabaseError).code).toBe("22023");
    expect(error.context).toMatchObject({
      status: 400,
      hint: "use 1..3660",
      functionName: "get_ai_cost_summary",
    });
    expect(error.retryable).toBe(false);
  });

  it("retries HTTP 5xx and 429 unless the SQLSTATE says the call itself is wrong", () => {
    expect(failure({ code: "PGRST001", status: 503 }).retryable).toBe(true);
    expect(failure({ status: 429 }).retryable).toBe(true);
    expect(failure({ code: "XX000", status: 500 }).retryable).toBe(true);
    expect(failure({ code: "22023", status: 500 }).retryable).toBe(false);
    expect(failure({ code: "PGRST202", status: 404 }).retryable).toBe(false);
  });

  it("treats an unanswered request (status 0) or a broken connection as a retryable connection error", () => {
    expect(failure({ status: 0, code: "" })).toBeInstanceOf(UsageConnectionError);
    const broken = failure({ code: "ECONNREFUSED", connectionFailed: true });
    expect(broken).toBeInstanceOf(UsageConnectionError);
    expect(broken.retryable).toBe(true);
    expect(broken.context).toMatchObject({ code: "ECONNREFUSED" });
  });
});
