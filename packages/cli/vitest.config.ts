import { defineConfig } from "vitest/config";

// The tests run the built command (dist/ai-usage.js, with the migrations copied beside it: what a user
// installs) against one embedded PostgreSQL (major from PG_MAJOR), a database of their own each.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/setup/global-setup.ts"],
    // Generous: CI machines have 2 cores, and other packages' tests may share them.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
