import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // The workspace packages from their sources, as the apps' tests do: no build needed first.
    alias: [
      { find: /^@org\/ai-usage-db$/, replacement: source("db/src/index.ts") },
      { find: /^@org\/ai-usage-sdk$/, replacement: source("sdk/src/index.ts") },
    ],
  },
  // Pure logic only (the generator), beside the code; the database side is tested by apps/seed.
  test: { include: ["src/**/*.test.ts"] },
});
