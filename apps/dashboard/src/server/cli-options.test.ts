import { describe, expect, it } from "vitest";
import { CliOptionsSchema } from "./cli-options.js";

const defaults = {
  host: "127.0.0.1",
  port: "4310",
  days: "30",
  migrate: true,
  seed: true,
  printAdminToken: false,
};

describe("pnpm dashboard options", () => {
  it("converts commander's strings", () => {
    expect(CliOptionsSchema.parse(defaults)).toEqual({ ...defaults, port: 4310, days: 30 });
    expect(CliOptionsSchema.parse({ ...defaults, port: "0", days: "7" })).toMatchObject({ port: 0, days: 7 });
  });

  it("refuses a range the page does not offer and a port out of range", () => {
    expect(CliOptionsSchema.safeParse({ ...defaults, days: "14" }).error?.issues[0]?.message).toBe(
      "--days must be one of 7, 30, 90",
    );
    expect(CliOptionsSchema.safeParse({ ...defaults, port: "70000" }).success).toBe(false);
    expect(CliOptionsSchema.safeParse({ ...defaults, port: "http" }).success).toBe(false);
  });
});
