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
  /** Never cut to fit the width (dates, ids, periods: cut, they would mislead). */
  readonly fixed?: boolean;
}

/**
 * The width tables are fitted to: `COLUMNS` when set, else the terminal's; none when the output
 * goes to a file or a pipe without `COLUMNS`, so what a script reads is never cut.
 */
export function outputWidth(): number {
  const env = Number(process.env.COLUMNS);
  if (Number.isInteger(env) && env > 0) return env;
  return process.stdout.isTTY ? process.stdout.columns : Infinity;
}

/** Text columns are never cut below this (or their header). */
const MIN_TEXT_WIDTH = 10;

/**
 * A plain-text table that reads well in a terminal and pastes cleanly into an email. Wider than
 * `maxWidth`, its text columns are shortened, the widest first, each cell cut with "…"; numbers
 * (right-aligned columns) are never cut. `--json` and `--format csv` keep every character.
 */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[], maxWidth = outputWidth()): string {
  const cells = rows.map((r) => columns.map((c) => c.value(r)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i]!.length)));
  const total = (): number => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  const widestCell = columns.map((_, i) => Math.max(0, ...cells.map((row) => row[i]!.length)));
  // First text columns give, down to a readable width; then the headers of number columns, down
  // to their widest figure (a figure itself is never cut).
  const floors = [
    columns.map((c, i) => (c.align === 'right' || c.fixed === true ? widths[i]! : Math.max(MIN_TEXT_WIDTH, c.header.length))),
    columns.map((c, i) => (c.fixed === true ? widths[i]! : c.align === 'right' ? Math.max(widestCell[i]!, 4) : Math.min(widths[i]!, 6))),
  ];
  for (const floor of floors) {
    while (total() > maxWidth) {
      // The widest column that can still give: one character at a time keeps the cut fair.
      let widest = -1;
      for (let i = 0; i < widths.length; i++) if (widths[i]! > floor[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
      if (widest < 0) break;
      widths[widest]! -= 1;
    }
  }
  const fit = (v: string, w: number): string => (v.length <= w ? v : `${v.slice(0, Math.max(0, w - 1))}…`);
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => (columns[i]!.align === 'right' ? fit(v, widths[i]!).padStart(widths[i]!) : fit(v, widths[i]!).padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/**
 * Prose lines longer than `width` wrapped at spaces, each continuation indented as its line is.
 * Table rows (text set apart by two spaces or more) are left as they are: a table is fitted by
 * `renderTable`, and a wrapped row would no longer line up.
 */
export function wrapProse(text: string, width = outputWidth()): string {
  if (!Number.isFinite(width)) return text;
  return text.split('\n').map((l) => {
    const indent = /^\s*/.exec(l)![0];
    if (l.length <= width || / {2,}\S/.test(l.slice(indent.length))) return l;
    const out: string[] = [];
    let cur = indent;
    for (const word of l.slice(indent.length).split(' ')) {
      if (cur.trim() !== '' && cur.length + 1 + word.length > width) {
        out.push(cur);
        cur = `${indent}  ${word}`;
      } else cur = cur.trim() === '' ? `${cur}${word}` : `${cur} ${word}`;
    }
    out.push(cur);
    return out.join('\n');
  }).join('\n');
}
