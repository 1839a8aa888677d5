/**
 * The one place charts become SVG: vega-lite compiles the spec, a headless vega View renders it.
 * vega and vega-lite are imported on first use, so commands that draw nothing never load them.
 * Output is deterministic: seeded randomness, text widths from fixed font metrics (never from
 * whatever canvas library a machine has), SVG ids restarted for every chart. It is broken over
 * lines, one tag per line where that changes nothing (see `breakSvgLines`), so a changed chart in a
 * report or golden file reads as a small diff.
 */

import type * as VegaModule from 'vega';
import type * as VegaLiteModule from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { vegaTextWidth } from './text-width.js';

export interface RenderedSvg {
  readonly svg: string;
  /** What vega-lite or vega warned about; a builder that produces any has a bug. */
  readonly warnings: readonly string[];
}

type Vega = typeof VegaModule;
type VegaLite = typeof VegaLiteModule;

/**
 * Runtime exports of vega that its type declarations leave out (checked against vega 6.4).
 * `textMetrics.width` is the function vega measures text with; vega documents replacing it
 * (vl-convert does) for when no canvas is wanted.
 */
interface VegaRuntimeExtras {
  setRandom(random: () => number): void;
  randomLCG(seed: number): () => number;
  textMetrics: { width: unknown };
}

const RANDOM_SEED = 20_240_401;

let modules: Promise<[Vega, VegaLite]> | undefined;

function load(): Promise<[Vega, VegaLite]> {
  modules ??= Promise.all([import('vega'), import('vega-lite')]);
  return modules;
}

/**
 * Starts loading vega while the caller does other work (a report queries the ledger first), so
 * its files are read by the time the first chart is drawn. A failure surfaces on that first chart.
 */
export function preloadCharts(): void {
  load().catch(() => undefined);
}

// Vega calls a logger's methods unbound in places (a dataflow error is handed `logger.error`
// itself), so each is a bound arrow function, never a method that needs `this`.
class CollectingLogger {
  #level = 2;
  constructor(private readonly out: string[]) {}
  readonly level = (level?: number): number | this => {
    if (level === undefined) return this.#level;
    this.#level = level;
    return this;
  };
  readonly error = (...args: unknown[]): this => {
    this.out.push(`error: ${args.map(String).join(' ')}`);
    return this;
  };
  readonly warn = (...args: unknown[]): this => {
    this.out.push(args.map(String).join(' '));
    return this;
  };
  readonly info = (): this => this;
  readonly debug = (): this => this;
}

// Rendering resets vega's module-wide state (random source, SVG id counter), so renders run one
// at a time.
let queue: Promise<unknown> = Promise.resolve();

/** Renders a vega-lite spec to a standalone SVG string. */
export function renderChartSvg(spec: TopLevelSpec): Promise<RenderedSvg> {
  const run = queue.then(() => renderNow(spec));
  queue = run.catch(() => undefined);
  return run;
}

async function renderNow(spec: TopLevelSpec): Promise<RenderedSvg> {
  const [vega, vl] = await load();
  const warnings: string[] = [];
  const logger = new CollectingLogger(warnings);
  const compiled = vl.compile(spec, { logger }).spec;
  const extras = vega as unknown as VegaRuntimeExtras;
  extras.setRandom(extras.randomLCG(RANDOM_SEED));
  extras.textMetrics.width = vegaTextWidth;
  vega.resetSVGDefIds();
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
  try {
    return { svg: breakSvgLines(await view.toSVG()), warnings };
  } finally {
    view.finalize();
  }
}

/**
 * Elements whose content is only other elements: whitespace between their children is neither
 * drawn nor read out. Text content elements (`text`, `tspan`, `textPath`), `title`, `desc`, `style`
 * and anything else are left alone, since whitespace there is part of what they say.
 */
const TAGS_ONLY = new Set([
  'svg', 'g', 'defs', 'clipPath', 'mask', 'pattern', 'marker', 'symbol', 'linearGradient', 'radialGradient', 'filter',
]);

const TAG = /^<(\/?)([A-Za-z][\w:.-]*)(?:\s[^<>]*)?\/?>$/;

/**
 * `svg` with a line break before each tag that directly follows another tag inside an element of
 * `TAGS_ONLY`; nothing else changes, so removing those line breaks gives back the input exactly.
 * Markup it does not expect (a comment, a stray angle bracket, unbalanced tags) is returned as is.
 */
export function breakSvgLines(svg: string): string {
  // Vega escapes `<` and `>` in text and attribute values, so every `<…>` is a tag; the odd
  // parts are tags, the even parts the text between them ('' where two tags touch).
  const parts = svg.split(/(<[^<>]*>)/);
  const open: string[] = [];
  let out = '';
  for (const [i, part] of parts.entries()) {
    if (i % 2 === 0) {
      if (part.includes('<') || part.includes('>')) return svg;
      out += part;
      continue;
    }
    const m = TAG.exec(part);
    if (!m) return svg;
    const parent = open.at(-1);
    if (i > 1 && parts[i - 1] === '' && parent !== undefined && TAGS_ONLY.has(parent)) out += '\n';
    out += part;
    const name = m[2]!;
    if (m[1] === '/') {
      if (open.pop() !== name) return svg;
    } else if (!part.endsWith('/>')) {
      open.push(name);
    }
  }
  return open.length === 0 ? out : svg;
}
