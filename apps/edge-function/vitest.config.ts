import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // Each file starts its own PostgreSQL and Deno process; the first Deno start on a fresh machine
    // may still be compiling, hence the generous hook timeout.
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
