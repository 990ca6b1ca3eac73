import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { denoEnvironment } from "./deno-function.js";
import { APP_DIR, DENO_CONFIG, denoBinary, EDGE_RUNTIME_ENTRY } from "./paths.js";

/**
 * Once per run: vendor the built SDK into supabase/functions/_shared (exactly what `pnpm bundle`
 * does before a deploy), then let Deno fetch and cache the function's npm packages. The first run
 * on a machine downloads them from the registry; later runs find them in DENO_DIR.
 */
export default function setup(): void {
  execFileSync(process.execPath, [join(APP_DIR, "scripts/bundle-sdk.mjs")], { stdio: "inherit" });
  execFileSync(denoBinary(), ["cache", "--config", DENO_CONFIG, "--frozen", EDGE_RUNTIME_ENTRY], {
    env: denoEnvironment({}),
    stdio: "inherit",
    timeout: 600_000,
  });
}
