// Preloaded by the root package.json's scripts (tsx --import): <repo>/.env is in process.env before
// the command's own modules read it (the dashboard reads SUPABASE_JWT_SECRET at start).
import { loadRepoEnv } from "./repo-env.js";

loadRepoEnv();
