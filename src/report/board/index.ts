/**
 * `tco2e report board`: one self-contained HTML file a board can read on screen or on A4 paper,
 * with no scripts and no network requests, and an audit trail for every figure.
 */

import type { AnalysisContext } from '../../aggregate/footprint.js';
import { html } from '../../render/html/escape.js';
import { renderPage } from '../../render/html/page.js';
import { preloadCharts } from '../../render/chart/render-svg.js';
import { boardData, type BoardData, type BoardOptions } from './data.js';
import { coverSection, emissionsSection, energySection, factorsAppendix, fleetSection, methodSection, qualitySection, summarySection, trajectorySection } from './sections.js';
import { travelSection } from './travel-section.js';

export interface BoardReport {
  readonly html: string;
  readonly data: BoardData;
}

export async function boardReport(ctx: AnalysisContext, o: BoardOptions): Promise<BoardReport> {
  preloadCharts();
  // Let the loader start reading vega's files before the ledger queries hold the thread.
  await new Promise((resolve) => setImmediate(resolve));
  const d = boardData(ctx, o);
  // Charts render one at a time (vega is single-threaded here), in page order.
  // The summary first, on two A4 pages of its own; what it rests on after; the factors last, as an appendix.
  const body = html`${await summarySection(d)}
${coverSection(d)}
${await trajectorySection(d)}
${await emissionsSection(d)}
${await energySection(d)}
${fleetSection(d)}
${await travelSection(d)}
${await qualitySection(d)}
${methodSection(d)}
${factorsAppendix(d)}`;
  return {
    html: renderPage({ title: `${d.org.name}: carbon report ${d.period}`, subtitle: `Greenhouse gas emissions and progress against targets, financial year ${d.period}`, body, printTables: o.printTables === true }),
    data: d,
  };
}
