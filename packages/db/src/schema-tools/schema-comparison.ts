import { type CatalogGaps, compareCatalogGaps, hasGaps } from "./catalog-gaps.js";
import { migraStatements } from "./migra-diff.js";

export interface SchemaDifference {
  /** What migra would run to take "from" to "to". */
  statements: string[];
  /** Comments and privileges that migra does not compare. */
  gaps: CatalogGaps;
}

/** Everything that differs between the two databases' schemas public and ai_usage_private. */
export async function compareSchemas(fromUrl: string, toUrl: string): Promise<SchemaDifference> {
  const [statements, gaps] = await Promise.all([
    migraStatements(fromUrl, toUrl),
    compareCatalogGaps(fromUrl, toUrl),
  ]);
  return { statements, gaps };
}

export function isSameSchema(difference: SchemaDifference): boolean {
  return difference.statements.length === 0 && !hasGaps(difference.gaps);
}

// A function's statement is its whole definition, hundreds of lines: its first line names it.
function firstLine(statement: string): string {
  const lines = statement.trim().split("\n");
  return `  ${lines[0]}${lines.length > 1 ? ` (+${lines.length - 1} lines)` : ""}`;
}

/** A readable account of a difference, "from" and "to" named by the caller. */
export function describeDifference(difference: SchemaDifference, from: string, to: string): string {
  const parts: string[] = [];
  if (difference.statements.length > 0) {
    parts.push(
      `migra: SQL that takes ${from} to ${to} (first lines; \`pnpm db:diff <name> --dry-run\` prints it all):`,
      ...difference.statements.map(firstLine),
    );
  }
  if (difference.gaps.onlyInFrom.length > 0) {
    parts.push(`only in ${from}:`, ...difference.gaps.onlyInFrom.map((fact) => `  ${fact}`));
  }
  if (difference.gaps.onlyInTo.length > 0) {
    parts.push(`only in ${to}:`, ...difference.gaps.onlyInTo.map((fact) => `  ${fact}`));
  }
  return parts.join("\n");
}
