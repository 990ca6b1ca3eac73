import { describe, expect, it } from "vitest";
import { AdminTokenRefusedError, shouldPrintAdminToken } from "./admin-token-policy.js";

describe("printing a local admin token", () => {
  it("signed with a random secret for this run: always, it opens only this process", () => {
    for (const embeddedDatabase of [true, false])
      for (const printAdminToken of [true, false])
        expect(shouldPrintAdminToken({ embeddedDatabase, projectSecret: false, printAdminToken })).toBe(true);
  });

  it("signed with the project's secret: only when asked, and only on the embedded database", () => {
    expect(
      shouldPrintAdminToken({ embeddedDatabase: true, projectSecret: true, printAdminToken: false }),
    ).toBe(false);
    expect(
      shouldPrintAdminToken({ embeddedDatabase: false, projectSecret: true, printAdminToken: false }),
    ).toBe(false);
    expect(
      shouldPrintAdminToken({ embeddedDatabase: true, projectSecret: true, printAdminToken: true }),
    ).toBe(true);
    expect(() =>
      shouldPrintAdminToken({ embeddedDatabase: false, projectSecret: true, printAdminToken: true }),
    ).toThrow(AdminTokenRefusedError);
  });
});
