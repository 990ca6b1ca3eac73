import { readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { expect, test } from "vitest";

// What a user's app installs to run `npx ai-usage migrate`: commander and pg, never the db package
// (its embedded PostgreSQL is about 100 MB of binaries) nor Prisma.
test("the built command imports nothing but Node's modules, commander and pg, its only dependencies", () => {
  const bundle = readFileSync(new URL("../dist/ai-usage.js", import.meta.url), "utf8");
  const specifiers = new Set(
    [...bundle.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"']+)["']/g)].map(
      (match) => match[1]!,
    ),
  );
  const packages = [...specifiers].filter((specifier) => !isBuiltin(specifier)).sort();
  expect(packages).toEqual(["commander", "pg"]);

  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  expect(Object.keys(manifest.dependencies).sort()).toEqual(["commander", "pg"]);
  expect(manifest.bin).toEqual({ "ai-usage": "./dist/ai-usage.js" });
  expect(bundle.startsWith("#!/usr/bin/env node\n")).toBe(true);
});
