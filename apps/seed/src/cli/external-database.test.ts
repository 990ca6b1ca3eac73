import { describe, expect, it } from "vitest";
import { externalDatabaseSubject, maySeed } from "./external-database.js";

describe("where demo data may go", () => {
  it("into the embedded database without asking", () => {
    expect(maySeed({ source: "embedded" }, false)).toBe(true);
  });

  it("into a database named by DATABASE_URL or --database-url only with --seed-external", () => {
    for (const source of ["DATABASE_URL", "option"] as const) {
      expect(maySeed({ source }, false), source).toBe(false);
      expect(maySeed({ source }, true), source).toBe(true);
    }
  });

  it("names how the user pointed at the external database", () => {
    expect(externalDatabaseSubject({ source: "DATABASE_URL" })).toBe(
      "DATABASE_URL points at an external database",
    );
    expect(externalDatabaseSubject({ source: "option" })).toBe(
      "--database-url points at an external database",
    );
  });
});
