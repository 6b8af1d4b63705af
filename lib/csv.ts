/** A spreadsheet reads a cell starting with one of these as a formula: such a cell gets a leading quote. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180), safe to open in a spreadsheet: no formula runs from it. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: unknown[]) => `${values.map(csvCell).join(",")}\r\n`;
