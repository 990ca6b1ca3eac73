import { defineConfig } from "tsup";

// Entry names map onto the dist paths declared in package.json "exports".
// The core entry, the supabase sink and auth must stay free of `node:` modules and pg (Deno imports them);
// src/entry-imports.test.ts checks their imports, src/export-surface.test.ts what each one exports.
export default defineConfig({
  entry: {
    index: "src/index.ts",
    "sinks/pg": "src/pg.ts",
    "sinks/prisma": "src/prisma.ts",
    "sinks/supabase": "src/supabase.ts",
    "providers/anthropic": "src/anthropic.ts",
    "providers/openai": "src/openai.ts",
    "providers/gemini": "src/gemini.ts",
    "providers/vercel-ai": "src/vercel-ai.ts",
    auth: "src/auth.ts",
  },
  format: ["esm"],
  target: "es2022",
  platform: "neutral",
  dts: true,
  clean: true,
  sourcemap: true,
  splitting: true,
  treeshake: true,
});
