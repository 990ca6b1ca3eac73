import { CliError } from "./cli-error.js";
import { EXIT } from "./exit-codes.js";

const EXAMPLE = "postgresql://user:password@host:5432/database";

/** The --database-url option's help, the same for every command. */
export const DATABASE_URL_HELP = "the database (default: $DATABASE_URL, from the environment or ./.env)";

/**
 * The database URL from --database-url, else DATABASE_URL (from the environment or `.env`, loaded
 * at start), checked for shape before anything connects. Errors never echo the value: it may hold a
 * password.
 */
export function resolveDatabaseUrl(option: string | undefined, environment = process.env): string {
  const fromOption = option?.trim();
  const fromEnvironment = environment.DATABASE_URL?.trim();
  const url = fromOption || fromEnvironment;
  const source = fromOption ? "--database-url" : "DATABASE_URL";
  if (!url) {
    throw new CliError(
      `no database: pass --database-url or set DATABASE_URL, in the environment or .env (${EXAMPLE})`,
      EXIT.usage,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(
      `${source} is not a URL; expected ${EXAMPLE} (percent-encode special characters in the password)`,
      EXIT.usage,
    );
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new CliError(
      `${source} must start with postgresql:// or postgres://, not ${parsed.protocol}//; expected ${EXAMPLE}`,
      EXIT.usage,
    );
  }
  if (!parsed.hostname && !parsed.searchParams.get("host")) {
    throw new CliError(`${source} names no host; expected ${EXAMPLE}`, EXIT.usage);
  }
  return url;
}
