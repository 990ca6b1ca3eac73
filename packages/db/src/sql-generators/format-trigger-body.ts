import { format } from "sql-formatter";

const MAX_LINE = 110;

/**
 * The statements of a generated trigger body, laid out one clause and one column per line, so that
 * the committed file reads (and diffs) like hand-written SQL. sql-formatter only changes whitespace
 * here (keywords keep their case); the drift check and the summary tests prove the result unchanged.
 */
export function formatStatements(sql: string): string {
  const laidOut = format(sql, {
    language: "postgresql",
    keywordCase: "preserve",
    tabWidth: 4,
    expressionWidth: 100,
  });
  return joinShortGroups(laidOut);
}

/**
 * sql-formatter puts every clause inside parentheses on lines of its own, so that
 * `coalesce(sum(r.sign) FILTER (WHERE r.status = 'success'), 0)` takes seven lines. A group that
 * opens at the end of a line and fits on one line again is put back on one line (innermost first).
 */
export function joinShortGroups(text: string): string {
  let lines = text.split("\n");
  for (let changed = true; changed; ) {
    changed = false;
    for (let open = 0; open < lines.length; open++) {
      if (!lines[open]!.endsWith("(")) continue;
      const close = matchingLine(lines, open);
      if (close === undefined) continue;
      const inner = lines.slice(open + 1, close).map((line) => line.trim());
      if (inner.some((line) => line.startsWith("--"))) continue;
      const tail = lines[close]!.trim();
      // Joined with spaces, then none just inside parentheses or before a comma (no string
      // literal of these statements holds such text).
      const joined = `${lines[open]}${inner.join(" ")}${tail}`.replace(/\( /g, "(").replace(/ ([),])/g, "$1");
      if (joined.length > MAX_LINE) continue;
      lines = [...lines.slice(0, open), joined, ...lines.slice(close + 1)];
      changed = true;
    }
  }
  return lines.join("\n");
}

/** The line that closes the group `lines[open]` opens: the next line, at the same indent, starting with `)`. */
function matchingLine(lines: string[], open: number): number | undefined {
  const indent = lines[open]!.length - lines[open]!.trimStart().length;
  for (let i = open + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const lineIndent = line.length - line.trimStart().length;
    if (line.trim() === "") return undefined;
    if (lineIndent < indent) return undefined;
    if (lineIndent === indent) return line.trimStart().startsWith(")") ? i : undefined;
  }
  return undefined;
}

export function indent(text: string, prefix = "    "): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? line : prefix + line))
    .join("\n");
}
