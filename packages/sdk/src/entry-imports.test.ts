import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SOURCE = dirname(fileURLToPath(import.meta.url));

/**
 * The runtime (non-type) imports an entry pulls in, following relative imports through the source
 * tree. Type-only imports vanish at build time, so they do not count.
 */
function runtimeImports(entry: string): Set<string> {
  const external = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    const statements = text.match(/^(?:import|export)\s[^;]*?from\s+"[^"]+";/gms) ?? [];
    for (const statement of statements) {
      if (/^(?:import|export)\s+type\s/.test(statement)) continue;
      const specifier = /from\s+"([^"]+)"/.exec(statement)![1]!;
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
      else external.add(specifier);
    }
  };
  visit(join(SOURCE, entry));
  return external;
}

describe("entry points", () => {
  // Deno (the edge function) imports these two: no `node:` modules, no database driver.
  it.each(["index.ts", "supabase.ts"])("%s needs only zod and uuid at runtime", (entry) => {
    for (const specifier of runtimeImports(entry)) expect(["uuid", "zod"]).toContain(specifier);
  });

  // The edge function verifies tokens with it on Deno too: jose (Web Crypto), no `node:` modules.
  it("auth.ts needs only jose and zod at runtime", () => {
    for (const specifier of runtimeImports("auth.ts")) expect(["jose", "zod"]).toContain(specifier);
    expect(runtimeImports("auth.ts")).toContain("jose");
  });

  it.each(["pg.ts", "prisma.ts", "anthropic.ts", "openai.ts", "gemini.ts", "vercel-ai.ts"])(
    "%s loads no driver or provider SDK itself (they are optional peers the caller passes in)",
    (entry) => {
      for (const specifier of runtimeImports(entry)) expect(["uuid", "zod"]).toContain(specifier);
    },
  );
});
