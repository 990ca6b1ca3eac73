import { redactUrl } from "@org/ai-usage-db/migrator";
import pg from "pg";
import { CliError } from "./cli-error.js";
import { EXIT } from "./exit-codes.js";

/** Gives up on a host that does not answer instead of waiting for the operating system's timeout. */
const CONNECT_TIMEOUT_MS = 15_000;

/** What went wrong, in words: Node reports some refusals as an AggregateError with an empty message. */
function describeConnectError(error: unknown): string {
  const { message, code } = (error ?? {}) as { message?: string; code?: string };
  if (code === "ECONNREFUSED") return "connection refused (is PostgreSQL running there, on that port?)";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "unknown host";
  return message || code || String(error);
}

/**
 * Connects, or fails with one line that says which database (password masked) and why, and exit
 * code 3. The caller ends the client.
 */
export async function connect(databaseUrl: string, applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: applicationName,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // A connection lost later also emits "error"; the query in flight rejects with it.
  client.on("error", () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new CliError(
      `cannot connect to ${redactUrl(databaseUrl)}: ${describeConnectError(error)}`,
      EXIT.unreachable,
    );
  }
}

/** Connects once to check that the database is there (exit code 3 if not), then disconnects. */
export async function checkReachable(databaseUrl: string): Promise<void> {
  const client = await connect(databaseUrl, "ai-usage");
  await client.end();
}
