// A fresh embedded PostgreSQL 17 (nothing applied: what a user's new database looks like), from the
// built db package of the repository in $REPO, up until SIGTERM. Prints "DATABASE_URL <url>".
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const { startEmbeddedPostgres } = await import(
  pathToFileURL(join(process.env.REPO, "packages", "db", "dist", "index.js")).href
);
const server = await startEmbeddedPostgres({ dataDir: process.env.DATA_DIR, major: 17, ephemeral: true });
process.on("SIGTERM", () =>
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  ),
);
console.log(`DATABASE_URL ${server.url}`);
setInterval(() => undefined, 1 << 30);
