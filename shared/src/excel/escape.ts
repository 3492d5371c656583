/**
 * Exported cells must not run as formulas (CSV/formula injection, OWASP): a spreadsheet evaluates text
 * starting with = + - @, and a leading tab or CR can hide such a start. Those strings get a leading
 * apostrophe, which Excel and WPS show as plain text. Numbers, dates and booleans are data, untouched.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}
