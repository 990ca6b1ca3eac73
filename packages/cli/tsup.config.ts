import { defineConfig } from "tsup";

// One file, with the db package's migrator bundled in: the published CLI depends on commander and
// pg only, never on the db package, whose embedded PostgreSQL is about 100 MB of binaries.
export default defineConfig({
  entry: { "ai-usage": "src/ai-usage.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  clean: true,
  sourcemap: true,
  noExternal: ["@org/ai-usage-db"],
  banner: { js: "#!/usr/bin/env node" },
});
