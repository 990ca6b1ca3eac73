import {
  UsageConnectionError,
  UsageDatabaseError,
  UsagePermissionError,
  UsageValidationError,
} from "@org/ai-usage-sdk";
import { describe, expect, it } from "vitest";
import { apiErrorResponse } from "./api-error.js";
import { AuthenticationError, SessionRefusedError } from "./auth.js";
import { BadRequestError } from "./request-arguments.js";

const context = { functionName: "get_ai_usage_dashboard", status: undefined, details: undefined };

describe("HTTP status for what a route threw", () => {
  it("maps SQLSTATEs the way PostgREST does", () => {
    const denied = new UsagePermissionError("permission denied", {
      retryable: false,
      context: { ...context, code: "42501", hint: "ask an admin" },
    });
    expect(apiErrorResponse(denied)).toMatchObject({
      status: 403,
      body: { error: { code: "42501", message: "permission denied", hint: "ask an admin" } },
      unexpected: false,
    });
    const badDays = new UsageDatabaseError("p_days must be ...", {
      retryable: false,
      context: { ...context, code: "22023", hint: undefined },
    });
    expect(apiErrorResponse(badDays).status).toBe(400);
  });

  it("answers 401 for a token problem, 403 for a refused session and 400 for bad arguments", () => {
    expect(apiErrorResponse(new AuthenticationError("expired")).status).toBe(401);
    expect(apiErrorResponse(new SessionRefusedError("anonymous_not_allowed", "no anonymous"))).toMatchObject({
      status: 403,
      body: { error: { code: "anonymous_not_allowed", message: "no anonymous" } },
      unexpected: false,
    });
    expect(apiErrorResponse(new BadRequestError("days must be ...")).status).toBe(400);
    const argument = new UsageValidationError("days: too big", {
      retryable: false,
      context: { source: "arguments", field: "days", issues: [] },
    });
    expect(apiErrorResponse(argument).status).toBe(400);
    const field = new UsageValidationError("setBudget.userId: must be a UUID", {
      retryable: false,
      context: {
        source: "arguments",
        field: "userId",
        issues: [{ path: "userId", message: "must be a UUID" }],
      },
    });
    expect(apiErrorResponse(field).body).toEqual({
      error: { code: "invalid_argument", message: "userId: must be a UUID", field: "userId" },
    });
  });

  it("answers 404 for what the database did not find (P0002: no such budget)", () => {
    const missing = new UsageDatabaseError("get_ai_usage_dashboard: no budget 42", {
      retryable: false,
      context: { ...context, code: "P0002", hint: undefined },
    });
    expect(apiErrorResponse(missing)).toMatchObject({
      status: 404,
      body: { error: { code: "P0002", message: "no budget 42" } },
      unexpected: false,
    });
  });

  it("hides the details of failures on the server's side", () => {
    const internal = new UsageDatabaseError("relation secret_table does not exist", {
      retryable: false,
      context: { ...context, code: "42P01", hint: undefined },
    });
    expect(apiErrorResponse(internal)).toMatchObject({ status: 500, unexpected: true });
    expect(JSON.stringify(apiErrorResponse(internal).body)).not.toContain("secret_table");
    const shape = new UsageValidationError("result.summary: missing", {
      retryable: false,
      context: { source: "result", field: "summary", issues: [] },
    });
    expect(apiErrorResponse(shape)).toMatchObject({ status: 502, unexpected: true });
    const down = new UsageConnectionError("ECONNREFUSED", {
      retryable: true,
      context: { functionName: "get_ai_cost_summary", code: "ECONNREFUSED" },
    });
    expect(apiErrorResponse(down).status).toBe(503);
    expect(apiErrorResponse(new Error("boom"))).toMatchObject({ status: 500, unexpected: true });
  });
});
