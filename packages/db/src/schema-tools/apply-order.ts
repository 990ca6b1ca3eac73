import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { glob } from "tinyglobby";

export const APPLY_ORDER_FILE = "apply-order.txt";

export interface SourceFile {
  /** Path relative to the source folder, with `/` separators (as written in apply-order.txt). */
  relativePath: string;
  absolutePath: string;
}

export class SchemaSourceError extends Error {
  override readonly name = "SchemaSourceError";
}

/** The non-comment, non-blank lines of apply-order.txt, each a path or glob relative to the folder. */
export function parseApplyOrder(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, "").trim())
    .filter((line) => line !== "");
}

function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Files under `folder` matching `pattern` (`*` within a folder, `**` across folders), sorted by path. */
async function filesMatching(folder: string, pattern: string): Promise<string[]> {
  const matches = await glob(pattern, { cwd: folder, onlyFiles: true, expandDirectories: false });
  return matches.sort(byPath);
}

/**
 * The source's `*.sql` files in apply order: line by line, a glob's matches sorted by path, a file
 * matched by several lines at its first match. Fails naming every `*.sql` file no line matches (a
 * forgotten file would silently be missing from the schema) and every line that matches nothing (a
 * typo would otherwise go unnoticed).
 */
export async function resolveApplyOrder(folder: string): Promise<SourceFile[]> {
  const orderPath = join(folder, APPLY_ORDER_FILE);
  const text = await readFile(orderPath, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new SchemaSourceError(`Cannot read ${orderPath}: ${error.message}`);
  });
  const files = await filesMatching(folder, "**/*.sql");
  const ordered: string[] = [];
  const taken = new Set<string>();
  const emptyLines: string[] = [];
  for (const pattern of parseApplyOrder(text)) {
    const matches = (await filesMatching(folder, pattern)).filter((file) => file.endsWith(".sql"));
    if (matches.length === 0) emptyLines.push(pattern);
    for (const file of matches) {
      if (taken.has(file)) continue;
      taken.add(file);
      ordered.push(file);
    }
  }
  const forgotten = files.filter((file) => !taken.has(file));
  if (forgotten.length > 0) {
    throw new SchemaSourceError(
      `${forgotten.map((file) => join(folder, file)).join(", ")} ${forgotten.length === 1 ? "is" : "are"} ` +
        `matched by no line of ${orderPath}: add ${forgotten.length === 1 ? "it" : "them"} there, ` +
        "so that the schema source is applied in full.",
    );
  }
  if (emptyLines.length > 0) {
    throw new SchemaSourceError(
      `${orderPath}: ${emptyLines.map((line) => `"${line}"`).join(", ")} matches no *.sql file.`,
    );
  }
  return ordered.map((relativePath) => ({ relativePath, absolutePath: join(folder, relativePath) }));
}
