import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const FUNCTION_DIR = join(APP_DIR, "supabase/functions/ai-report");
export const FUNCTION_ENTRY = join(FUNCTION_DIR, "index.ts");
export const DENO_CONFIG = join(FUNCTION_DIR, "deno.json");
export const EDGE_RUNTIME_ENTRY = join(APP_DIR, "test/support/edge-runtime-entry.ts");

/**
 * Deno's module and npm cache: inside the repository's git-ignored .data folder, so it survives
 * between runs and works as root in CI (no dependence on $HOME). DENO_DIR overrides it.
 */
export const DENO_DIR = process.env.DENO_DIR ?? join(APP_DIR, "../../.data/deno");

/**
 * The real Deno binary of the `deno` npm package. Its install_api finds (and if needed links) the
 * platform binary, so this works even where the package's postinstall did not run.
 */
export function denoBinary(): string {
  const require = createRequire(import.meta.url);
  const installer = require("deno/install_api.cjs") as { runInstall(): string };
  return installer.runInstall();
}
