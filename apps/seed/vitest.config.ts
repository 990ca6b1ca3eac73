import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      // Pure logic: the generator and formatting, beside the code.
      { test: { name: "unit", include: ["src/**/*.test.ts"] } },
      // Against a real PostgreSQL: one throwaway server for the run, one database per test file.
      {
        test: {
          name: "database",
          include: ["test/**/*.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
