import { existsSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../package-paths.js";

let loaded = false;

/**
 * Reads `<repo>/.env` (dotenv format, git-ignored; see .env.example) into process.env once, for
 * DATABASE_URL and SUPABASE_JWT_SECRET. Variables already set in the environment win, as with
 * dotenv and Node's --env-file. Does nothing without the file.
 */
export function loadRepoEnv(): void {
  if (loaded) return;
  loaded = true;
  const file = join(repoRoot(), ".env");
  if (!existsSync(file)) return;
  process.loadEnvFile(file);
}
