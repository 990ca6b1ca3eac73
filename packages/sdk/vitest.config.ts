import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = fileURLToPath(new URL("./src/", import.meta.url));

// Two projects: pure logic beside the code (fast, no database), and tests against a real
// PostgreSQL (embedded, via @org/ai-usage-db/testing; a database of its own per file) in their own folder.
export default defineConfig({
  resolve: {
    // The README examples import the package by its public name; tests run them against the source.
    alias: [
      { find: /^@org\/ai-usage-sdk$/, replacement: `${source}index.ts` },
      {
        find: /^@org\/ai-usage-sdk\/(pg|prisma|supabase|anthropic|openai|gemini|vercel-ai|auth)$/,
        replacement: `${source}$1.ts`,
      },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts"],
          sequence: { groupOrder: 0 },
          testTimeout: 10_000,
        },
      },
      {
        extends: true,
        test: {
          name: "database",
          include: ["test/**/*.test.ts"],
          globalSetup: ["test/setup/global-setup.ts"],
          // These tests mostly wait on PostgreSQL and local HTTP servers; they run after the unit tests.
          maxWorkers: 4,
          sequence: { groupOrder: 1 },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // supabase-js creates a realtime client that needs a WebSocket class; Node 20 has one
          // only behind this flag (Node 22+ and Deno have it built in).
          execArgv: ["--experimental-websocket"],
        },
      },
    ],
  },
});
