// @ts-check
// A card holding a sortable table and its CSV export (of the rows shown, or of every row there is).
import { ApiError } from "./api.js";
import { downloadCsv, toCsv } from "./csv.js";
import { h, replaceChildren } from "./dom.js";

/**
 * @template Row
 * @typedef {object} Column
 * @property {string} key        column id, also the CSV header
 * @property {string} label      header text
 * @property {(row: Row) => string | number | null} value  raw value: sorting and CSV
 * @property {(row: Row) => Node | string} [display]       cell content; default: the raw value
 * @property {boolean} [numeric] right-aligned, sorted high-to-low first
 */

/**
 * @template Row
 * @typedef {object} TableSpec
 * @property {string} title
 * @property {string} testId
 * @property {Column<Row>[]} columns
 * @property {Row[]} rows
 * @property {string} fileName   CSV download name
 * @property {string} emptyText
 * @property {string} [subtitle]
 * @property {{ key: string, descending: boolean }} [sort]  initial order; default: as given
 * @property {number} [limit]  rows shown until "Show all" is pressed; default 10
 * @property {() => Promise<Row[]>} [exportRows]  the CSV's rows when the table shows only some
 *   (the top 25): loaded when the button is pressed; default: the rows shown
 */

/**
 * @template Row
 * @param {TableSpec<Row>} spec
 */
export function tableCard(spec) {
  let sort = spec.sort ?? null;
  const limit = spec.limit ?? 10;
  let expanded = spec.rows.length <= limit;
  const body = h("tbody");
  const more = h("button", {
    type: "button",
    class: "secondary small show-all",
    onclick: () => {
      expanded = !expanded;
      render();
    },
  });
  const headerCells = spec.columns.map((column) =>
    h(
      "th",
      { scope: "col", class: column.numeric ? "num" : undefined, "data-key": column.key },
      h("button", { type: "button", class: "sort", onclick: () => sortBy(column) }, column.label),
    ),
  );

  /** @param {Column<Row>} column */
  function sortBy(column) {
    sort =
      sort?.key === column.key
        ? { key: column.key, descending: !sort.descending }
        : { key: column.key, descending: Boolean(column.numeric) };
    render();
  }

  function render() {
    const column = spec.columns.find((c) => c.key === sort?.key);
    const rows = column && sort ? sortedRows(spec.rows, column, sort.descending) : spec.rows;
    for (const cell of headerCells) {
      const active = cell.dataset.key === sort?.key;
      cell.setAttribute("aria-sort", active ? (sort?.descending ? "descending" : "ascending") : "none");
    }
    more.textContent = expanded ? "Show fewer" : `Show all ${spec.rows.length}`;
    more.hidden = spec.rows.length <= limit;
    replaceChildren(
      body,
      (expanded ? rows : rows.slice(0, limit)).map((row) =>
        h(
          "tr",
          {},
          spec.columns.map((c) =>
            h(
              "td",
              { class: c.numeric ? "num" : undefined },
              c.display ? c.display(row) : String(c.value(row) ?? ""),
            ),
          ),
        ),
      ),
    );
  }

  async function exportCsv() {
    exportButton.disabled = true;
    exportProblem.hidden = true;
    try {
      const all = spec.exportRows ? await spec.exportRows() : spec.rows;
      const column = spec.columns.find((c) => c.key === sort?.key);
      const rows = column && sort ? sortedRows(all, column, sort.descending) : all;
      const csv = toCsv(
        spec.columns.map((c) => c.key),
        rows.map((row) => spec.columns.map((c) => c.value(row))),
      );
      downloadCsv(spec.fileName, csv);
    } catch (error) {
      exportProblem.textContent = `The export failed: ${error instanceof ApiError || error instanceof Error ? error.message : String(error)}`;
      exportProblem.hidden = false;
    } finally {
      exportButton.disabled = false;
    }
  }

  const empty = spec.rows.length === 0;
  const exportButton = h(
    "button",
    {
      type: "button",
      class: "secondary small",
      onclick: () => void exportCsv(),
      disabled: empty,
      title: spec.exportRows ? "Every row of the period, not only those in the table" : undefined,
      "data-testid": `${spec.testId}-csv`,
    },
    spec.exportRows ? "Export all (CSV)" : "Export CSV",
  );
  const exportProblem = h("p", { class: "warn", role: "alert", hidden: true });
  render();
  return h(
    "article",
    { class: "card table-card", "data-testid": spec.testId },
    h(
      "header",
      { class: "card-header" },
      h("div", {}, h("h2", {}, spec.title), spec.subtitle ? h("p", { class: "muted" }, spec.subtitle) : null),
      exportButton,
    ),
    exportProblem,
    empty
      ? h("p", { class: "empty-note" }, spec.emptyText)
      : h("div", { class: "table-scroll" }, h("table", {}, h("thead", {}, h("tr", {}, headerCells)), body)),
    more,
  );
}

/**
 * @template Row
 * @param {Row[]} rows
 * @param {Column<Row>} column
 * @param {boolean} descending
 */
function sortedRows(rows, column, descending) {
  const direction = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return order * direction;
  });
}
