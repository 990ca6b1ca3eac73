import { describe, expect, it } from "vitest";
import { UsageValidationError } from "../errors/validation-error.js";
import { ERROR_MESSAGE_MAX_CHARACTERS, toBatchEvent, UsageEventSchema } from "./usage-event.js";

const valid = { userId: "7f0c1c2e-4b1a-4c8e-9a51-0d6b1f0e7a11", modelUsed: "claude-sonnet-4-20250514" };

function fieldOf(input: unknown): string {
  const parsed = UsageEventSchema.safeParse(input);
  if (parsed.success) return "(valid)";
  return UsageValidationError.fromZod(parsed.error, "event", "event").field;
}

describe("UsageEventSchema", () => {
  it("accepts the minimal event and applies the contract's defaults", () => {
    const event = UsageEventSchema.parse(valid);
    expect(event).toMatchObject({
      requestType: "report",
      inputTokens: 0,
      outputTokens: 0,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      cacheReadTokens: 0,
      toolTurns: 0,
      status: "success",
    });
  });

  it.each([
    ["userId", { userId: undefined }],
    ["userId", { userId: "not-a-uuid" }],
    ["userEmail", { userEmail: "x".repeat(321) }],
    ["customerId", { customerId: 1.5 }],
    ["customerId", { customerId: 2 ** 31 }],
    ["customerName", { customerName: "x".repeat(201) }],
    ["requestType", { requestType: "" }],
    ["requestType", { requestType: "x".repeat(65) }],
    ["sessionId", { sessionId: "x".repeat(201) }],
    ["modelUsed", { modelUsed: undefined }],
    ["modelUsed", { modelUsed: "" }],
    ["modelUsed", { modelUsed: "m".repeat(201) }],
    ["provider", { provider: "" }],
    ["provider", { provider: "p".repeat(65) }],
    ["inputTokens", { inputTokens: -1 }],
    ["inputTokens", { inputTokens: 1.5 }],
    ["outputTokens", { outputTokens: 100_000_001 }],
    ["cacheWrite5mTokens", { cacheWrite5mTokens: "12" }],
    ["cacheWrite1hTokens", { cacheWrite1hTokens: Number.NaN }],
    ["cacheReadTokens", { cacheReadTokens: -5 }],
    ["latencyMs", { latencyMs: 86_400_001 }],
    ["latencyMs", { latencyMs: -1 }],
    ["toolTurns", { toolTurns: 0.5 }],
    ["status", { status: "ok" }],
    ["errorMessage", { errorMessage: 42 }],
    ["requestId", { requestId: "" }],
    ["requestId", { requestId: "r".repeat(201) }],
    ["createdAt", { createdAt: "yesterday" }],
    ["createdAt", { createdAt: new Date(Date.now() + 2 * 60 * 60 * 1000) }],
    ["createdAt", { createdAt: "1999-12-31T23:59:59Z" }],
    ["", { inputToken: 5 }],
  ])("names %s as the invalid field (%j)", (field, patch) => {
    expect(fieldOf({ ...valid, ...patch })).toBe(field);
  });

  it("rejects text the database cannot store (NUL, lone surrogate)", () => {
    expect(fieldOf({ ...valid, sessionId: "a\u0000b" })).toBe("sessionId");
    expect(fieldOf({ ...valid, customerName: "a\ud800" })).toBe("customerName");
  });

  it("counts characters the way PostgreSQL does (code points, not UTF-16 units)", () => {
    expect(fieldOf({ ...valid, requestType: "😀".repeat(64) })).toBe("(valid)");
    expect(fieldOf({ ...valid, requestType: "😀".repeat(65) })).toBe("requestType");
  });

  it("truncates error_message to 4000 characters instead of failing, without splitting a surrogate pair", () => {
    const long = `${"e".repeat(3999)}😀${"tail".repeat(100)}`;
    const event = UsageEventSchema.parse({ ...valid, status: "error", errorMessage: long });
    expect([...(event.errorMessage ?? "")].length).toBe(ERROR_MESSAGE_MAX_CHARACTERS);
    expect(event.errorMessage?.endsWith("😀")).toBe(true);
  });

  it("makes an upstream error message storable", () => {
    const event = UsageEventSchema.parse({ ...valid, errorMessage: "bad\u0000byte \udc00" });
    expect(event.errorMessage).toBe("badbyte \ufffd");
  });

  it("stores empty optional text as absent (the database rejects empty strings there)", () => {
    const event = UsageEventSchema.parse({ ...valid, userEmail: "", sessionId: "", errorMessage: "" });
    const batchEvent = toBatchEvent(event, "r-1", new Date("2026-01-02T03:04:05Z"));
    expect(batchEvent).not.toHaveProperty("user_email");
    expect(batchEvent).not.toHaveProperty("session_id");
    expect(batchEvent).not.toHaveProperty("error_message");
  });

  it("maps onto the batch function's snake_case keys", () => {
    const event = UsageEventSchema.parse({
      ...valid,
      userEmail: "a@example.com",
      customerId: 7,
      inputTokens: 10,
      cacheWrite1hTokens: 3,
      latencyMs: 250,
    });
    expect(toBatchEvent(event, "msg_1", new Date("2026-01-02T03:04:05Z"))).toEqual({
      user_id: valid.userId,
      user_email: "a@example.com",
      customer_id: 7,
      request_type: "report",
      model_used: valid.modelUsed,
      input_tokens: 10,
      output_tokens: 0,
      cache_write_5m_tokens: 0,
      cache_write_1h_tokens: 3,
      cache_read_tokens: 0,
      latency_ms: 250,
      tool_turns: 0,
      status: "success",
      request_id: "msg_1",
      created_at: "2026-01-02T03:04:05.000Z",
    });
  });
});
