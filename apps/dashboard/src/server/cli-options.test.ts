import { describe, expect, it } from "vitest";
import { CliOptionsSchema, expectedIssuer } from "./cli-options.js";

const defaults = {
  host: "127.0.0.1",
  port: "4310",
  days: "30",
  migrate: true,
  seed: true,
  printAdminToken: false,
  jwtAudience: "authenticated",
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

  it("derives the token issuer from the Supabase URL, unless one is given", () => {
    const parse = (options: Record<string, unknown>) =>
      expectedIssuer(CliOptionsSchema.parse({ ...defaults, ...options }));
    expect(parse({})).toBeUndefined();
    expect(parse({ supabaseUrl: "" })).toBeUndefined();
    expect(parse({ supabaseUrl: "https://abc.supabase.co/" })).toBe("https://abc.supabase.co/auth/v1");
    expect(parse({ supabaseUrl: "http://127.0.0.1:54321" })).toBe("http://127.0.0.1:54321/auth/v1");
    expect(parse({ supabaseUrl: "https://abc.supabase.co", jwtIssuer: "https://auth.example.com/v1" })).toBe(
      "https://auth.example.com/v1",
    );
  });

  it("refuses a Supabase URL or issuer that is not an http(s) URL, and a blank audience", () => {
    const problem = (options: Record<string, unknown>) =>
      CliOptionsSchema.safeParse({ ...defaults, ...options }).error?.issues[0]?.message;
    expect(problem({ supabaseUrl: "abc.supabase.co" })).toBe(
      "--supabase-url (SUPABASE_URL) must be an http(s) URL",
    );
    expect(problem({ jwtIssuer: "ftp://abc.supabase.co/auth/v1" })).toBe(
      "--jwt-issuer (JWT_ISSUER) must be an http(s) URL",
    );
    expect(problem({ jwtAudience: "  " })).toBe("--jwt-audience (JWT_AUDIENCE) must not be blank");
    expect(CliOptionsSchema.parse({ ...defaults, jwtAudience: "" }).jwtAudience).toBe("authenticated");
  });
});
