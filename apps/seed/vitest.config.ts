import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string) => fileURLToPath(new URL(`../../packages/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Like the CLIs (tsconfig.cli.json): the workspace packages from their sources, so these tests
    // neither need a build first nor break while another package's dist/ is being rebuilt.
    alias: [
      { find: /^@org\/ai-usage-db$/, replacement: source("db/src/index.ts") },
      { find: /^@org\/ai-usage-db\/testing$/, replacement: source("db/src/testing.ts") },
      { find: /^@org\/ai-usage-sdk$/, replacement: source("sdk/src/index.ts") },
      { find: /^@org\/ai-usage-sdk\/pg$/, replacement: source("sdk/src/pg.ts") },
    ],
  },
  test: {
    projects: [
      // Pure logic: the generator and formatting, beside the code.
      { extends: true, test: { name: "unit", include: ["src/**/*.test.ts"] } },
      // Against a real PostgreSQL: one throwaway server for the run, one database per test file.
      {
        extends: true,
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
