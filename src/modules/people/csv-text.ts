// Writing CSV for spreadsheets: RFC 4180 quoting, CRLF line ends, a BOM so Excel reads UTF-8 (names in
// Uyghur or Chinese stay readable), and no formula injection: a cell a spreadsheet would run as a formula
// (= + - @, or a tab or carriage return before one) is prefixed with a quote and shown as the text it is.

/** Starts every file: Excel takes a CSV without it for the legacy code page. */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** A cell as a spreadsheet should show it, never run it. */
export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map((cell) => {
    if (cell === null || cell === undefined) return '';
    if (typeof cell === 'number') return String(cell);
    const text = safeCell(cell);
    return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }).join(',')}\r\n`;
}
