import Table from "cli-table3";

export type Align = "left" | "right";

/**
 * No rule between body rows, only under the header: cli-table3 draws a row's rule from its cells'
 * own `chars`, so the first body row carries the rule and the table default is none.
 */
const noRule = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };
const headerRule = { mid: "─", "left-mid": "├", "mid-mid": "┼", "right-mid": "┤" };

/**
 * A framed table; numeric columns are right-aligned so digits line up. Header colour only on a
 * terminal, so piped output stays plain text.
 */
export function renderTable(head: string[], aligns: Align[], rows: (string | number)[][]): string {
  const table = new Table({
    head,
    colAligns: aligns,
    chars: noRule,
    style: { head: process.stdout.isTTY ? ["cyan"] : [], border: [], "padding-left": 1, "padding-right": 1 },
  });
  rows.forEach((row, index) => {
    table.push(
      index === 0 ? row.map((cell) => ({ content: String(cell), chars: headerRule })) : row.map(String),
    );
  });
  return table.toString();
}

/** A section title with an underline. */
export function heading(title: string): string {
  return `\n${title}\n${"─".repeat(title.length)}`;
}
