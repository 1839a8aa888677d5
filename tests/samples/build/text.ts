/**
 * Writing cells as exports write them: quoting, thousands separators, fixed decimals, and the
 * encodings the files are sent in. Hand-rolled rather than `toLocaleString`, whose output
 * depends on the ICU data a Node build carries.
 */

/** A row of cells, quoted where the cell holds the delimiter, a quote or a line break. */
export function csvRow(cells: readonly (string | number)[], delimiter = ','): string {
  return cells
    .map((c) => {
      const s = String(c);
      return s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(delimiter);
}

/** Lines joined with the file's line ending, ending with one. */
export function lines(rows: readonly string[], eol: '\n' | '\r\n'): string {
  return rows.join(eol) + eol;
}

/** `n` with `decimals` places, e.g. fixed(1234.5, 2) = "1234.50". */
export function fixed(n: number, decimals: number): string {
  return n.toFixed(decimals);
}

/** `n` with `decimals` places and comma thousands, e.g. 61875.08 → "61,875.08". */
export function grouped(n: number, decimals: number): string {
  const [whole, frac] = Math.abs(n).toFixed(decimals).split('.');
  const withCommas = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${withCommas}${frac === undefined ? '' : `.${frac}`}`;
}

/** Rounds to `decimals` places for sums that must match the cells written. */
export function round(n: number, decimals: number): number {
  const f = decimals === 0 ? 1 : decimals === 1 ? 10 : decimals === 2 ? 100 : 1000;
  return Math.round(n * f) / f;
}

export function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

/** UTF-8 with Excel's byte-order mark, as "CSV UTF-8" saves it. */
export function utf8Bom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** Windows-1252 ("ANSI"): ASCII plus the pound sign (0xA3), all these files need. */
export function windows1252(text: string): Buffer {
  const bytes = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes[i] = c;
    else if (text[i] === '£') bytes[i] = 0xa3;
    else throw new Error(`no Windows-1252 byte for ${text[i]!} in the sample generator`);
  }
  return bytes;
}
