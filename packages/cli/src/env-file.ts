import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";

/**
 * Reads `.env` of the current folder, as Prisma and most Node tools do: its values fill in
 * variables the environment does not set (the environment wins). Returns the names it set.
 */
export function loadDotEnv(folder = process.cwd(), environment = process.env): string[] {
  let text: string;
  try {
    text = readFileSync(join(folder, ".env"), "utf8");
  } catch {
    return [];
  }
  const set: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (environment[name] !== undefined) continue;
    environment[name] = value;
    set.push(name);
  }
  return set;
}
