// For .ci/supabase-push: a throwaway embedded PostgreSQL carrying the Supabase stand-in and nothing
// else (what a new Supabase project has before its first migration), kept running until SIGTERM.
// Prints "DATABASE_URL <url>" once it accepts connections. Usage: tsx serve-stand-in-database.ts <major>
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { parsePostgresMajor } from "../../src/embedded/binaries.js";
import { startEmbeddedPostgres } from "../../src/embedded/embedded-server.js";
import { applyStandIn } from "../../src/stand-in/apply-stand-in.js";

const major = parsePostgresMajor(process.argv[2] ?? 17);
const folder = await mkdtemp(join(tmpdir(), `ai-usage-supabase-push-pg${major}-`));
await chmod(folder, 0o755); // as root, PostgreSQL runs as user postgres, which must enter it
const server = await startEmbeddedPostgres({ dataDir: join(folder, "data"), major, ephemeral: true });
const stop = async () => {
  await server.stop();
  await rm(folder, { recursive: true, force: true });
};
try {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await applyStandIn(client).finally(() => client.end());
} catch (error) {
  await stop();
  throw error;
}
process.on("SIGTERM", () =>
  stop().then(
    () => process.exit(0),
    () => process.exit(1),
  ),
);
console.log(`DATABASE_URL ${server.url}`);
setInterval(() => undefined, 1 << 30);
