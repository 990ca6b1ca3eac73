import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject, onTestFinished } from "vitest";
import type { ScratchStatesOptions } from "../../src/schema-tools/scratch-states.js";

const FIXTURES = join(import.meta.dirname, "fixtures");

export interface FixtureCopy {
  /** A copy of fixtures/source, to change. */
  sourceFolder: string;
  /** A copy of fixtures/migrations, for db:diff to write into. */
  migrationsDir: string;
}

/** Copies the fixture source and migrations (the same schema, declared twice) to a temporary folder. */
export async function copyFixtures(): Promise<FixtureCopy> {
  const dir = await mkdtemp(join(tmpdir(), "ai-usage-schema-tools-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const copy = { sourceFolder: join(dir, "source"), migrationsDir: join(dir, "migrations") };
  await cp(join(FIXTURES, "source"), copy.sourceFolder, { recursive: true });
  await cp(join(FIXTURES, "migrations"), copy.migrationsDir, { recursive: true });
  return copy;
}

/** Replaces `from` (which must occur) by `to` in a file of the copy. */
export async function editFile(path: string, from: string, to: string): Promise<void> {
  const text = await readFile(path, "utf8");
  if (!text.includes(from)) throw new Error(`${path} does not contain ${JSON.stringify(from)}`);
  await writeFile(path, text.replace(from, to));
}

/** Options for the scratch states on this run's server (the tools start their own otherwise). */
export function scratchOptions(copy: FixtureCopy): ScratchStatesOptions {
  return {
    ...copy,
    major: inject("postgresMajor"),
    serverUrl: inject("databaseUrl"),
    progress: () => undefined,
  };
}
