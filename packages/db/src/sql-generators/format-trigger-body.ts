import { format } from "sql-formatter";

/**
 * The statements of a generated trigger body, laid out one clause and one column per line, so that
 * the committed file reads (and diffs) like hand-written SQL. sql-formatter only changes whitespace
 * here (keywords keep their case); the drift check and the summary tests prove the result unchanged.
 */
export function formatStatements(sql: string): string {
  return format(sql, { language: "postgresql", keywordCase: "preserve", tabWidth: 4, expressionWidth: 100 });
}

export function indent(text: string, prefix = "    "): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? line : prefix + line))
    .join("\n");
}
