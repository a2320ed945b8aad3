/**
 * CSV as spreadsheets read it (RFC 4180: comma separated, CRLF line ends, fields quoted when they
 * hold a comma, quote or line break, quotes doubled), with the guard against formula injection
 * (OWASP "CSV injection"): a text cell starting with `=`, `+`, `-`, `@`, tab or carriage return
 * would run as a formula in Excel or LibreOffice, so it is prefixed with an apostrophe — visitors
 * write what ends up in these files. Numbers are written as numbers, never guarded.
 * Hand-written on purpose: the whole format is these few lines, and the guard is ours either way.
 */

/** What a cell may hold; null and undefined are empty cells. */
export type CsvValue = string | number | boolean | null | undefined;

/** The byte-order mark that makes Excel read the file as UTF-8 (accents, non-Latin names). */
export const CSV_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell, escaped and guarded. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line, CRLF-terminated. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** The `Content-Disposition` of a downloaded file (the name is ours: ASCII letters, digits, dashes). */
export function attachment(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`;
}
