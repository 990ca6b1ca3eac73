import type { OpenDatabase } from "./open-database.js";

/**
 * "postgresql://postgres:***@db.example.com:5432/postgres (external database, from DATABASE_URL)":
 * where a command works, said before it writes anything, and never with a password.
 */
export function describeDatabase(database: Pick<OpenDatabase, "url" | "source">): string {
  let shown = database.url;
  try {
    const url = new URL(database.url);
    if (url.password) url.password = "***";
    shown = url.toString();
  } catch {
    shown = "(unparsable database URL)";
  }
  const origin = {
    option: "external database, from --database-url",
    DATABASE_URL: "external database, from DATABASE_URL",
    embedded: "embedded PostgreSQL 17",
  };
  return `${shown} (${origin[database.source]})`;
}
