import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PostgresMajor } from "../embedded/binaries.js";
import { startEmbeddedPostgres } from "../embedded/embedded-server.js";
import { databaseUrlNamed, withClient } from "../pg-connection.js";

export { withClient };

export interface ScratchServer {
  /** Superuser URL of the server's `postgres` database. */
  url: string;
  /** Stops the server and deletes its data. */
  stop(): Promise<void>;
}

/**
 * A throwaway embedded PostgreSQL in a temporary folder. The schema tools always build their
 * databases here, never in a user's database: they create and drop whole schemas.
 */
export async function startScratchServer(major: PostgresMajor): Promise<ScratchServer> {
  const folder = await mkdtemp(join(tmpdir(), `ai-usage-schema-pg${major}-`));
  // mkdtemp makes the folder 0700; as root, PostgreSQL runs as user postgres, which must enter it.
  await chmod(folder, 0o755);
  try {
    const server = await startEmbeddedPostgres({ dataDir: join(folder, "data"), major, ephemeral: true });
    return {
      url: server.url,
      stop: async () => {
        await server.stop();
        await rm(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/** Creates an empty database `name` on the server of `serverUrl` and returns its URL. */
export async function createScratchDatabase(serverUrl: string, name: string): Promise<string> {
  // template0: pristine, and never connected to, so parallel creations cannot collide on it.
  await withClient(serverUrl, (admin) =>
    admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE template0`),
  );
  return databaseUrlNamed(serverUrl, name);
}
