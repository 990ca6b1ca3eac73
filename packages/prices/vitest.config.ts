import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // The workspace packages from their sources, as the apps' tests do: no build needed first.
    alias: [
      { find: /^@org\/ai-usage-db$/, replacement: source("db/src/index.ts") },
      { find: /^@org\/ai-usage-db\/testing$/, replacement: source("db/src/testing.ts") },
    ],
  },
  test: {
    projects: [
      // Pure logic: decimal arithmetic, the mapping, the generated SQL, beside the code.
      { extends: true, test: { name: "unit", include: ["src/**/*.test.ts"] } },
      // Against a real PostgreSQL: one throwaway server for the run, one database per test file.
      {
        extends: true,
        test: {
          name: "database",
          include: ["test/**/*.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
