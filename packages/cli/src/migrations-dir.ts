import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The migrations shipped in this package (`<package>/migrations`, copied there by the build), found
 * from the bundle in `dist/`.
 */
export function shippedMigrationsDir(): string {
  const dir = fileURLToPath(new URL("../migrations/", import.meta.url));
  if (!existsSync(dir)) {
    throw new Error(`The migrations are missing from this package (${dir}): reinstall @org/ai-usage-cli.`);
  }
  return dir;
}
