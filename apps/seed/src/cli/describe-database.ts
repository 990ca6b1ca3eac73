import type { OpenDatabase } from "./open-database.js";

/**
 * "postgresql://postgres:***@db.example.com:5432/postgres (external database, from DATABASE_URL)":
 * where a command works, said before it writes anything, never with an external database's
 * password. The embedded server's is fixed and public (it listens on 127.0.0.1 only), so its URL is
 * shown whole, ready to paste.
 */
export function describeDatabase(
  database: Pick<OpenDatabase, "url" | "source"> & { alreadyRunning?: boolean },
): string {
  if (database.source === "embedded") {
    const lifetime = database.alreadyRunning
      ? "already running"
      : "started for this command; `pnpm db:start` keeps one running";
    return `${database.url} (embedded PostgreSQL 17, ${lifetime})`;
  }
  let shown = database.url;
  try {
    const url = new URL(database.url);
    if (url.password) url.password = "***";
    shown = url.toString();
  } catch {
    shown = "(unparsable database URL)";
  }
  const origin: Record<Exclude<OpenDatabase["source"], "embedded">, string> = {
    option: "external database, from --database-url",
    DATABASE_URL: "external database, from DATABASE_URL",
  };
  return `${shown} (${origin[database.source]})`;
}
