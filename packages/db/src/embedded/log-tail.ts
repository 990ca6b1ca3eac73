/**
 * Keeps the last lines that initdb and postgres printed. Their output is too chatty to show on
 * success, but the last lines are what explains a failure, so errors include them.
 */
export class LogTail {
  private readonly lines: string[] = [];

  constructor(private readonly limit = 30) {}

  push(chunk: unknown): void {
    const text = chunk instanceof Error ? chunk.message : String(chunk);
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === "") continue;
      this.lines.push(line.trimEnd());
      if (this.lines.length > this.limit) this.lines.shift();
    }
  }

  includes(fragment: string): boolean {
    return this.lines.some((line) => line.includes(fragment));
  }

  toString(): string {
    return this.lines.length === 0 ? "(no output)" : this.lines.map((line) => `  ${line}`).join("\n");
  }
}
