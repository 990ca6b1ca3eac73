import type { OpenDatabase } from "./open-database.js";

/** "postgresql://postgres:***@127.0.0.1:5433/postgres (embedded PostgreSQL 17)": never prints a password. */
export function describeDatabase(database: Pick<OpenDatabase, "url" | "source">): string {
  let shown = database.url;
  try {
    const url = new URL(database.url);
    if (url.password) url.password = "***";
    shown = url.toString();
  } catch {
    shown = "(unparseable database URL)";
  }
  const origin = {
    option: "--database-url",
    DATABASE_URL: "DATABASE_URL",
    embedded: "embedded PostgreSQL 17",
  };
  return `${shown} (${origin[database.source]})`;
}
