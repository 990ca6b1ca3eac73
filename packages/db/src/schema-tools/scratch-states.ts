import { randomBytes } from "node:crypto";
import type { PostgresMajor } from "../embedded/binaries.js";
import { migrate } from "../migrate/migrate.js";
import { readMigrationFiles } from "../migrate/migration-files.js";
import { resolveApplyOrder } from "./apply-order.js";
import { applySchemaSource } from "./apply-schema-source.js";
import { createScratchDatabase, startScratchServer, withClient } from "./scratch-server.js";

export interface ScratchStatesOptions {
  /** The declarative schema source (apply-order.txt and its files). */
  sourceFolder: string;
  /** Folder of `<name>/migration.sql`. */
  migrationsDir: string;
  /** Major of the embedded scratch server. */
  major: PostgresMajor;
  /** A server to create the databases on instead of a new embedded one (tests share theirs). */
  serverUrl?: string;
  /** One line per step: these take seconds. */
  progress: (line: string) => void;
}

export interface ScratchStates {
  /** Database A: every migration applied, without Prisma's bookkeeping table. */
  migratedUrl: string;
  /** Database B: the Supabase stand-in, then the schema source. */
  sourceUrl: string;
  /** Another database like A, from the migrations folder as it is now (to verify a new migration). */
  migrateAnother(label: string): Promise<string>;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/**
 * Runs `work` with databases A (the migrations) and B (the source) on a scratch server, never on a
 * user's database. Databases it made are dropped afterwards; a server it started is removed.
 */
export async function withScratchStates<T>(
  options: ScratchStatesOptions,
  work: (states: ScratchStates) => Promise<T>,
): Promise<T> {
  const { progress } = options;
  // Both inputs are read first, so a forgotten source file fails before any server starts.
  const sourceFiles = await resolveApplyOrder(options.sourceFolder);
  let server: Awaited<ReturnType<typeof startScratchServer>> | undefined;
  if (options.serverUrl === undefined) {
    progress(`starting scratch PostgreSQL ${options.major}`);
    server = await startScratchServer(options.major);
  }
  const serverUrl = options.serverUrl ?? server!.url;
  const suffix = randomBytes(6).toString("hex");
  const created: string[] = [];
  const newDatabase = async (label: string) => {
    const name = `schema_${label.toLowerCase()}_${suffix}`;
    created.push(name);
    return createScratchDatabase(serverUrl, name);
  };
  const migrateAnother = async (label: string) => {
    const url = await newDatabase(label);
    const count = (await readMigrationFiles(options.migrationsDir)).length;
    progress(`applying ${plural(count, "migration")} to scratch database ${label}`);
    await migrate({ databaseUrl: url, migrationsDir: options.migrationsDir, log: () => undefined });
    // Prisma's bookkeeping is the migrator's, not the schema's: the source does not declare it.
    await withClient(url, (client) => client.query("DROP TABLE public._prisma_migrations"));
    return url;
  };
  try {
    const migratedUrl = await migrateAnother("A");
    const sourceUrl = await newDatabase("B");
    progress(`applying the schema source (${plural(sourceFiles.length, "file")}) to scratch database B`);
    await withClient(sourceUrl, (client) => applySchemaSource(client, options.sourceFolder));
    return await work({ migratedUrl, sourceUrl, migrateAnother });
  } finally {
    if (server) {
      await server.stop();
    } else {
      await withClient(serverUrl, async (client) => {
        for (const name of created) {
          await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
        }
      });
    }
  }
}
