export interface StatementRange {
  /** Index (UTF-16, as JS strings count) of the statement's first token. */
  start: number;
  /** Index just past its terminating semicolon, or the end of the script. */
  end: number;
}

const WORD = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

function matchAt(pattern: RegExp, sql: string, index: number): string | null {
  pattern.lastIndex = index;
  return pattern.exec(sql)?.[0] ?? null;
}

/** Index just past a quoted token opened at `index` ('...', E'...' or "..."). */
function skipQuoted(sql: string, index: number, backslashEscapes: boolean): number {
  const quote = sql[index];
  for (let i = index + 1; i < sql.length; i++) {
    if (backslashEscapes && sql[i] === "\\") i++;
    else if (sql[i] === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i++;
    }
  }
  return sql.length;
}

function skipBlockComment(sql: string, index: number): number {
  let depth = 0; // PostgreSQL block comments nest
  for (let i = index; i < sql.length; i++) {
    if (sql.startsWith("/*", i)) {
      depth++;
      i++;
    } else if (sql.startsWith("*/", i)) {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return sql.length;
}

/**
 * Splits a migration script into its statements, the way PostgreSQL's lexer sees them: semicolons
 * inside comments, quotes, dollar quotes, parentheses and BEGIN ATOMIC ... END bodies do not end a
 * statement (the last follows psql's heuristic). Used only to report which statement failed, so an
 * exotic script mis-split here would blur an error message, never change what is executed.
 */
export function splitStatements(sql: string): StatementRange[] {
  const statements: StatementRange[] = [];
  let start = -1;
  let parens = 0;
  let words: string[] = []; // the statement's leading words, to spot CREATE [OR REPLACE] FUNCTION
  let atomicDepth = 0;
  const isRoutine = () => {
    const [first, second, third, fourth] = words;
    const kind = second === "or" && third === "replace" ? fourth : second;
    return first === "create" && (kind === "function" || kind === "procedure");
  };

  for (let i = 0; i < sql.length; ) {
    const char = sql[i] as string;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    if (sql.startsWith("--", i)) {
      const newline = sql.indexOf("\n", i);
      i = newline === -1 ? sql.length : newline + 1;
      continue;
    }
    if (sql.startsWith("/*", i)) {
      i = skipBlockComment(sql, i);
      continue;
    }
    if (char === ";" && parens === 0 && atomicDepth === 0) {
      // A lone semicolon is an empty statement: PostgreSQL skips it without a reply, so do we.
      if (start !== -1) statements.push({ start, end: i + 1 });
      start = -1;
      parens = 0;
      words = [];
      i++;
      continue;
    }
    if (start === -1) start = i;
    if (char === "'" || char === '"') {
      const escapes = char === "'" && /[eE]/.test(sql[i - 1] ?? "") && !/[\w$]/.test(sql[i - 2] ?? "");
      i = skipQuoted(sql, i, escapes);
      continue;
    }
    const tag = char === "$" && !/[\w$]/.test(sql[i - 1] ?? "") ? matchAt(DOLLAR_TAG, sql, i) : null;
    if (tag) {
      const close = sql.indexOf(tag, i + tag.length);
      i = close === -1 ? sql.length : close + tag.length;
      continue;
    }
    const word = /[A-Za-z_\u0080-\uffff]/.test(char) ? matchAt(WORD, sql, i) : null;
    if (word) {
      const lower = word.toLowerCase();
      if (words.length < 4) words.push(lower);
      if (parens === 0 && isRoutine()) {
        if (lower === "begin" || (lower === "case" && atomicDepth > 0)) atomicDepth++;
        else if (lower === "end" && atomicDepth > 0) atomicDepth--;
      }
      i += word.length;
      continue;
    }
    if (char === "(") parens++;
    if (char === ")") parens = Math.max(0, parens - 1);
    i++;
  }
  if (start !== -1) statements.push({ start, end: sql.length });
  return statements;
}
