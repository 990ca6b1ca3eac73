import { defineConfig } from "vitest/config";

// Unit tests sit beside the code (no database, no browser); the end-to-end tests in test/ start a real
// PostgreSQL, the dashboard server and headless Chromium.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["src/**/*.test.ts"], testTimeout: 10_000 } },
      {
        test: {
          name: "e2e",
          include: ["test/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
