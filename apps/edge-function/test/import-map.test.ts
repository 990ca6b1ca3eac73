import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { APP_DIR, DENO_CONFIG } from "./support/paths.js";

// Deno cannot read pnpm's catalog, so deno.json repeats the versions; this keeps them in step.
test("every npm: version in deno.json is the one pinned in the pnpm catalog", async () => {
  const denoConfig = JSON.parse(await readFile(DENO_CONFIG, "utf8")) as { imports: Record<string, string> };
  const workspace = await readFile(join(APP_DIR, "../../pnpm-workspace.yaml"), "utf8");
  const catalog = new Map(
    [...workspace.matchAll(/^ {2}"?([@\w./-]+)"?: ([^\s#]+)/gm)].map((match) => [match[1], match[2]]),
  );

  const npmImports = Object.values(denoConfig.imports).filter((target) => target.startsWith("npm:"));
  expect(npmImports.length).toBeGreaterThan(0);
  for (const target of npmImports) {
    const [, name, version] = /^npm:(@?[^@]+)@(.+)$/.exec(target) ?? [];
    expect({ name, version }).toEqual({ name, version: catalog.get(name ?? "") });
  }
});

test("the SDK's entry points map onto the vendored copy that `pnpm bundle` writes", async () => {
  const denoConfig = JSON.parse(await readFile(DENO_CONFIG, "utf8")) as { imports: Record<string, string> };
  const sdkImports = Object.entries(denoConfig.imports).filter(([name]) =>
    name.startsWith("@org/ai-usage-sdk"),
  );
  expect(sdkImports.map(([name]) => name).sort()).toEqual([
    "@org/ai-usage-sdk",
    "@org/ai-usage-sdk/anthropic",
    "@org/ai-usage-sdk/auth",
    "@org/ai-usage-sdk/pg",
  ]);
  for (const [, target] of sdkImports) expect(target).toMatch(/^\.\.\/_shared\/ai-usage-sdk\/dist\/.+\.js$/);
});
