/**
 * Aligned text tables for people: a header row in capitals, columns padded to the widest cell, long
 * cells cut with an ellipsis, and a `(none)` line for an empty list. Scripts use `--json` instead.
 */
export interface Column<T> {
  header: string;
  value: (row: T) => unknown;
  /** longest cell before it is cut (default 60) */
  max?: number;
}

function cell(value: unknown, max: number): string {
  const text = value === null || value === undefined || value === '' ? '-' : Array.isArray(value) ? value.join(',') || '-' : String(value);
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[], empty = '(none)'): string {
  if (!rows.length) return `${empty}\n`;
  const cells = rows.map((row) => columns.map((c) => cell(c.value(row), c.max ?? 60)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) => values.map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]))).join('  ').trimEnd();
  return `${[line(columns.map((c) => c.header)), ...cells.map(line)].join('\n')}\n`;
}

/** an ISO time as `YYYY-MM-DD HH:MM:SS` (UTC), short enough for a table */
export function shortTime(iso: unknown): string {
  return typeof iso === 'string' && iso.length >= 19 ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : '-';
}
