import { createClient, sql } from "@pgkit/client";
import { Migration } from "@pgkit/migra";
import { COMPARED_SCHEMAS_SQL } from "./compared-schemas.js";

// migra takes either one schema or schemas to exclude; we compare two, so we exclude every other
// non-system schema found on either side.
const OTHER_SCHEMAS = `
  SELECT nspname AS name FROM pg_namespace
  WHERE nspname NOT IN ${COMPARED_SCHEMAS_SQL} AND nspname <> 'information_schema'
    AND nspname NOT LIKE 'pg\\_%'`;

type PgkitClient = ReturnType<typeof createClient>;

function connect(url: string): PgkitClient {
  const client = createClient(url);
  // pg-pool's end() resolves before its idle connections have closed; if the scratch server stops
  // right after, their "terminating connection" would be an unhandled 'error' event of the pool
  // and crash the process. They are being closed anyway: nothing to handle.
  client.pgp.$pool.on("error", () => undefined);
  return client;
}

async function otherSchemas(clients: PgkitClient[]): Promise<string[]> {
  const names = new Set<string>();
  for (const client of clients) {
    for (const name of await client.anyFirst(sql.raw<{ name: string }>(OTHER_SCHEMAS))) {
      names.add(name);
    }
  }
  return [...names].sort();
}

/**
 * The statements migra (@pgkit/migra, a TypeScript port of migra) generates to take the database of
 * `fromUrl` to the one of `toUrl`, privileges on tables included, drops included (the caller decides
 * whether it accepts them). Empty when migra sees no difference.
 */
export async function migraStatements(fromUrl: string, toUrl: string): Promise<string[]> {
  const from = connect(fromUrl);
  const to = connect(toUrl);
  try {
    const migration = await Migration.create(from, to, { exclude_schema: await otherSchemas([from, to]) });
    migration.set_safety(false);
    migration.add_all_changes(true);
    return [...migration.statements];
  } finally {
    await Promise.all([from.end(), to.end()]);
  }
}
