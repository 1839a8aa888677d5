/**
 * A check on the SVG that vega renders before it is placed, unescaped, in a report. Vega writes
 * text from the data (site names, titles) into the SVG; it escapes `<`, `>`, `&` and quotes, and
 * the tests hold it to that. This check is the second line: it accepts only the elements and
 * attributes a static chart needs, so a change in vega (or a chart using `href`) fails loudly
 * instead of shipping live markup to a board.
 */

import type { Html } from './escape.js';
import { trustedHtml } from './escape.js';

const ELEMENTS = new Set([
  'svg', 'g', 'path', 'rect', 'line', 'circle', 'ellipse', 'polygon', 'polyline', 'text', 'tspan',
  'title', 'desc', 'defs', 'clipPath', 'linearGradient', 'radialGradient', 'stop', 'pattern',
]);

const TAG = /^<(\/?)([A-Za-z][\w:-]*)((?:\s+[A-Za-z_:][\w:.-]*="[^"<]*")*)\s*(\/?)>$/;
const ATTRIBUTE = /\s+([A-Za-z_:][\w:.-]*)="([^"<]*)"/g;

/** Why `svg` may not be trusted, or undefined when it is a plain static chart. */
export function svgProblem(svg: string): string | undefined {
  const body = svg.trim();
  if (!body.startsWith('<svg')) return 'does not start with <svg';
  // Split into tags and the text between them; any `<` left in text is markup that slipped through.
  for (const token of body.split(/(<[^>]*>)/)) {
    if (token === '') continue;
    if (!token.startsWith('<')) {
      if (token.includes('>') || token.includes('<')) return `unescaped angle bracket in text: ${token.slice(0, 40)}`;
      continue;
    }
    const m = TAG.exec(token);
    if (!m) return `unexpected markup: ${token.slice(0, 60)}`;
    const name = m[2]!;
    if (!ELEMENTS.has(name)) return `element <${name}> is not allowed`;
    for (const [, attr, value] of (m[3] ?? '').matchAll(ATTRIBUTE)) {
      const lower = attr!.toLowerCase();
      if (lower.startsWith('on')) return `event attribute ${attr!} is not allowed`;
      if (lower === 'href' || lower.endsWith(':href')) return `link attribute ${attr!} is not allowed`;
      // aria-* values are text read out, never followed or fetched; vega puts the chart title
      // there, so a title that merely mentions "javascript:" must not make the chart unusable.
      if (lower.startsWith('aria-')) continue;
      if (/javascript:|url\((?!#)/i.test(value!)) return `attribute ${attr!} refers outside the chart`;
    }
  }
  return undefined;
}

/** The SVG as trusted markup; throws (a bug, not a user error) if it fails `svgProblem`. */
export function trustedSvg(svg: string): Html {
  const problem = svgProblem(svg);
  if (problem !== undefined) throw new Error(`refusing to embed chart SVG: ${problem}`);
  return trustedHtml(svg.trim());
}
