/**
 * The one place charts become SVG: vega-lite compiles the spec, a headless vega View renders it.
 * vega and vega-lite are imported on first use, so commands that draw nothing never load them.
 * Output is deterministic: seeded randomness, text widths from fixed font metrics (never from
 * whatever canvas library a machine has), SVG ids restarted for every chart.
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

class CollectingLogger {
  #level = 2;
  constructor(private readonly out: string[]) {}
  level(level?: number): number | this {
    if (level === undefined) return this.#level;
    this.#level = level;
    return this;
  }
  error(...args: unknown[]): this {
    this.out.push(`error: ${args.map(String).join(' ')}`);
    return this;
  }
  warn(...args: unknown[]): this {
    this.out.push(args.map(String).join(' '));
    return this;
  }
  info(): this {
    return this;
  }
  debug(): this {
    return this;
  }
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
    return { svg: await view.toSVG(), warnings };
  } finally {
    view.finalize();
  }
}
