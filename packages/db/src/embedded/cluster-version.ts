import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { PostgresMajor } from "./binaries.js";

/**
 * Whether `dataDir` already holds a cluster (so it is reused, not initdb'd again). A cluster of
 * another major cannot be started by these binaries: say so rather than let postgres fail obscurely.
 */
export async function hasCluster(dataDir: string, major: PostgresMajor): Promise<boolean> {
  const version = await readFile(join(dataDir, "PG_VERSION"), "utf8").catch(() => null);
  if (version === null) return false;
  if (version.trim() !== String(major)) {
    throw new Error(
      `${dataDir} holds a PostgreSQL ${version.trim()} cluster but PostgreSQL ${major} was asked for: ` +
        "use one data directory per major, or delete this one.",
    );
  }
  return true;
}
