/**
 * One CSV cell, quoted (RFC 4180). A value a spreadsheet would run as a formula — starting with
 * `=`, `+`, `-`, `@` (or their full-width forms), a tab or a carriage return — gets a leading `'`
 * so that it is shown as text (OWASP "CSV injection").
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** One CSV line, CRLF-terminated as RFC 4180 and spreadsheets expect. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A UTF-8 byte-order mark, so that Excel reads the export as UTF-8. */
export const UTF8_BOM = '\uFEFF';
