import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // One migrated PostgreSQL (major from PG_MAJOR) for the whole run; tests get its URL by
    // inject("databaseUrl"). The few pure-logic tests share the run: a second vitest project would
    // save them the server start (about a second) and cost a second config.
    globalSetup: ["test/setup/global-setup.ts"],
    // Database tests mostly wait on PostgreSQL, so more files at once than cores still pays off.
    maxWorkers: 4,
    // Generous: CI machines have 2 cores, and other packages' tests may share them.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
