import { afterEach, describe, expect, it, vi } from "vitest";
import { event, setupRecorder } from "../../test/support/recorder-setup.js";
import { UsageUserIdError } from "../errors/user-id-error.js";
import { UsageValidationError } from "../errors/validation-error.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a userId that is not a UUID", () => {
  it("is refused at record() with UsageUserIdError naming the field and the format; nothing is sent", async () => {
    const { sink, recorder } = setupRecorder();
    const thrown = (() => {
      try {
        recorder.record(event({ userId: "user_42" }));
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(UsageUserIdError);
    expect(thrown).toBeInstanceOf(UsageValidationError); // callers catching the old class still do
    const error = thrown as UsageUserIdError;
    expect(error).toMatchObject({ name: "UsageUserIdError", field: "userId", retryable: false });
    expect(error.message).toMatch(/^event\.userId: must be a UUID/);
    expect(error.message).toContain('got "user_42"');
    expect(error.message).toContain("auth.users.id");
    expect(await recorder.flush()).toMatchObject({ drained: true, pending: 0 });
    expect(sink.attempts).toBe(0);
    expect(recorder.stats).toMatchObject({ accepted: 0, dropped: 0 });
  });

  it("takes precedence over other problems of the same event, and says when it is missing", () => {
    const { recorder } = setupRecorder();
    expect(() => recorder.record(event({ userId: 42, inputTokens: -1 }))).toThrow(UsageUserIdError);
    const { userId: _dropped, ...withoutUser } = event();
    expect(() => recorder.record(withoutUser as never)).toThrow(/got nothing \(no userId/);
  });

  it("through tryRecord (the provider wrappers): a console warning once, onError every time", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { recorder, errors } = setupRecorder();
    for (let i = 0; i < 3; i++) expect(recorder.tryRecord(event({ userId: `user_${i}` }))).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(
      /^\[ai-usage\] No usage is recorded for AI calls whose userId is missing or not a UUID\. event\.userId: must be a UUID/,
    );
    expect(errors.map((error) => error.name)).toEqual([
      "UsageUserIdError",
      "UsageUserIdError",
      "UsageUserIdError",
    ]);
    expect(recorder.stats).toMatchObject({ accepted: 0, dropped: 3 });
    // Other invalid input does not warn.
    recorder.tryRecord(event({ inputTokens: -1 }));
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("never breaks the caller, even when console.warn throws", () => {
    vi.spyOn(console, "warn").mockImplementation(() => {
      throw new Error("console closed");
    });
    const { recorder, errors } = setupRecorder();
    expect(() => recorder.tryRecord(event({ userId: "nope" }))).not.toThrow();
    expect(errors).toHaveLength(1);
  });
});
