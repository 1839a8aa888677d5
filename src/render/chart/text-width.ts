/**
 * Text width for chart layout, computed from font metrics instead of a canvas, so every machine
 * lays a chart out identically. Vega's own fallback counts 0.8 em per character, which is about
 * 60% too wide for Arial and cuts site names short; these are the advance widths of Helvetica
 * in Adobe's Core 14 font metrics (units per 1000 em), which Arial and Liberation Sans share.
 */

// Printable ASCII from space (32) to tilde (126), in order.
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p-z { | } ~
] as const;

/** Characters outside ASCII that charts commonly show. */
const OTHER_WIDTHS: ReadonlyMap<string, number> = new Map([
  ['\u2212', 584], // minus sign
  ['\u2026', 1000], // ellipsis
  ['\u00d7', 584], // multiplication sign
  ['\u2082', 333], // subscript two, as in CO₂ (drawn smaller)
  ['£', 556],
  ['’', 222],
  ['–', 556],
  ['—', 1000],
]);

const DEFAULT_WIDTH = 556;

/** Width in pixels of one line of text at `fontSizePx`. */
export function textWidthPx(text: string, fontSizePx: number): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code <= 126 ? ASCII_WIDTHS[code - 32]! : (OTHER_WIDTHS.get(ch) ?? DEFAULT_WIDTH);
  }
  return (units * fontSizePx) / 1000;
}

interface TextItem {
  readonly fontSize?: number | string | null;
  readonly limit?: number;
}

/**
 * Vega's `textMetrics.width(item, text)`. It returns the width of the text as given; when the
 * item has a width limit, vega truncates the drawn text itself, so the width is capped there.
 */
export function vegaTextWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize === null || item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
  // Multi-line text arrives as an array of lines: the widest line is the text's width.
  const lines: readonly unknown[] = Array.isArray(text) ? text : [text];
  const width = Math.max(0, ...lines.map((line) => textWidthPx(typeof line === 'string' || typeof line === 'number' ? String(line).trim() : '', size)));
  return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width;
}
