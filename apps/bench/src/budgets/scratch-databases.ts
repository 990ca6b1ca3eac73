import { migrate } from "@org/ai-usage-db";
import pg from "pg";

const templateName = "ai_usage_bench_budget_template";

/**
 * Empty, migrated databases on the bench's server for the concurrency proof. A project budget
 * counts everyone's spend in the period, so the proof cannot run beside the dataset (its month is
 * already worth far more than $1.00); and each run must start from $0.00. So one database is
 * migrated once as a template and each run gets a copy of it (CREATE DATABASE … TEMPLATE: well
 * under a second, where migrating takes several).
 */
export interface ScratchDatabases {
  /** A fresh copy of the migrated template, named `name`; its URL. */
  create(name: string): Promise<string>;
  drop(name: string): Promise<void>;
  /** Drops the template. */
  close(): Promise<void>;
}

export async function openScratchDatabases(serverUrl: string): Promise<ScratchDatabases> {
  const admin = new pg.Client({ connectionString: serverUrl, application_name: "ai-usage-bench" });
  admin.on("error", () => undefined);
  await admin.connect();
  const name = (database: string) => admin.escapeIdentifier(database);
  const drop = async (database: string) => {
    await admin.query(`DROP DATABASE IF EXISTS ${name(database)} WITH (FORCE)`);
  };
  try {
    await drop(templateName);
    await admin.query(`CREATE DATABASE ${name(templateName)} TEMPLATE template0`);
    const templateUrl = urlNamed(serverUrl, templateName);
    await migrate({ databaseUrl: templateUrl, log: () => undefined });
    // The migrator's pool may linger a moment; a template must have no connections to be copied.
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [templateName],
    );
  } catch (error) {
    await admin.end();
    throw new Error(
      `the concurrency proof needs databases of its own on the bench's server (CREATE DATABASE): ${(error as Error).message}`,
      { cause: error },
    );
  }
  return {
    create: async (database) => {
      await drop(database);
      await admin.query(`CREATE DATABASE ${name(database)} TEMPLATE ${name(templateName)}`);
      return urlNamed(serverUrl, database);
    },
    drop,
    close: async () => {
      try {
        await drop(templateName);
      } finally {
        await admin.end();
      }
    },
  };
}

function urlNamed(url: string, database: string): string {
  const named = new URL(url);
  named.pathname = `/${encodeURIComponent(database)}`;
  return named.toString();
}
