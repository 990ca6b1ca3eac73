import { defineConfig } from "vitest/config";

// Two projects: pure logic beside the code (fast, no database), and tests against a real
// PostgreSQL (embedded, started per test file by @org/ai-usage-db/testing) in their own folder.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts"],
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: "database",
          include: ["test/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
