import pg from "pg";
import { redactUrl } from "./redact-url.js";

/** `url` with its database name replaced by `name`. */
export function databaseUrlNamed(url: string, name: string): string {
  const databaseUrl = new URL(url);
  databaseUrl.pathname = `/${encodeURIComponent(name)}`;
  return databaseUrl.toString();
}

/** Runs `work` with a connected client of `url`, and closes it. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A connected client for a long piece of work on a user's database (the migrator, `status`), or an
 * error that names the database (password masked) and says why it could not connect.
 */
export async function connectOrExplain(databaseUrl: string, applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: applicationName });
  // A lost connection also emits "error", an uncaught exception without a listener; the query in
  // flight (or the next one) rejects with it, and that is where it is reported.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const reason =
      error instanceof Error ? error.message || (error as { code?: string }).code : String(error);
    throw new Error(`Could not connect to ${redactUrl(databaseUrl)}: ${reason}`, { cause: error });
  }
  return client;
}
