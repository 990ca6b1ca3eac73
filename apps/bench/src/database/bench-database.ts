import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { migrate, resolveDatabaseUrl } from "@org/ai-usage-db";

export interface BenchDatabase {
  readonly url: string;
  /** Where it came from: a flag, DATABASE_URL, or the bench's own embedded server. */
  readonly source: "option" | "DATABASE_URL" | "embedded";
  /** Stops the embedded server (its data is kept for the next run); does nothing otherwise. */
  stop(): Promise<void>;
}

/**
 * The benchmark's own embedded cluster, `<repo>/.data/bench-pg17`: millions of benchmark rows must
 * never land in the demo database (`.data/pg17`), and keeping them in their own folder lets a
 * rerun reuse the loaded dataset and only measure.
 */
export function benchDataDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return join(dir, ".data", "bench-pg17");
  }
  throw new Error("Cannot find the repository root (pnpm-workspace.yaml) above the bench's sources");
}

/** The database to benchmark, migrated (the migrations are idempotent: applied ones are skipped). */
export async function openBenchDatabase(
  databaseUrl: string | undefined,
  log: (message: string) => void,
): Promise<BenchDatabase> {
  const resolved = await resolveDatabaseUrl({
    ...(databaseUrl ? { databaseUrl } : {}),
    dataDir: benchDataDir(),
    log,
  });
  try {
    const result = await migrate({ databaseUrl: resolved.url, log });
    if (result.applied.length > 0) log(`applied ${result.applied.length} migration(s)`);
  } catch (error) {
    await resolved.stop();
    throw error;
  }
  return resolved;
}
