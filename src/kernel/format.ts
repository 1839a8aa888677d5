/** Presentation: UK number formatting and plain-text tables. Rounding happens only here. */

const formatters = new Map<number, Intl.NumberFormat>();

/** `1,838.5` — UK thousands separators, up to `maxDigits` decimals, trailing zeros dropped. */
export function formatNumber(n: number, maxDigits = 3): string {
  let f = formatters.get(maxDigits);
  if (!f) formatters.set(maxDigits, (f = new Intl.NumberFormat('en-GB', { maximumFractionDigits: maxDigits })));
  return f.format(n);
}

/** A factor as published: up to 8 significant decimals, no thousands rounding. */
export function formatFactor(n: number): string {
  return formatNumber(n, 8);
}

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string;
  readonly align?: 'left' | 'right';
}

/** A plain-text table that reads well in a terminal and pastes cleanly into an email. */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => c.value(r)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => (columns[i]!.align === 'right' ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
