/**
 * The reports `npm run demo` writes, read the way a board member, an auditor and a browser would:
 * byte for byte against reviewed golden files, for the figures and sections a reader relies on,
 * and opened in headless Chromium (nothing loaded, nothing run, every chart drawn, prints on A4).
 *
 * The demo runs once, with a fixed `now` and tool version, so its output is the same every time.
 */

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emissionsReport, type EmissionsQuery } from '../../src/aggregate/emissions-query.js';
import type { AnalysisContext } from '../../src/aggregate/footprint.js';
import { runDemo, type DemoResult } from '../../src/demo/run-demo.js';
import type { UserError } from '../../src/kernel/errors.js';
import { boardData } from '../../src/report/board/data.js';
import { boardReport } from '../../src/report/board/index.js';
import { compareHtml } from '../../src/report/compare/index.js';
import { loadFactors } from '../../src/factors/library.js';
import { formatTco2e } from '../../src/render/html/format-uk.js';
import { Ledger } from '../../src/store/ledger.js';
import { loadWorkspace } from '../../src/workspace/config.js';
import { expectGolden } from '../golden.js';
import { ROOT } from '../helpers.js';
import { checkInBrowser } from '../render/browser.js';
import { attribute, expectSelfContained, rowValue, sectionById, sections, svgOpenTags, tonnes } from './page-checks.js';

// Loading the whole sample dataset (thirteen years, half-hourly data, surveys) and rendering
// every chart takes about 40 s of CPU; on a busy two-core machine the wall time can double.
const DEMO_TIMEOUT_MS = 180_000;
// Starting Chromium and printing a PDF takes several seconds on a busy two-core machine.
const BROWSER_TIMEOUT_MS = 90_000;

const NOW = new Date('2026-11-26T12:00:00Z');
const TOOL_VERSION = '0.0.0-test';
const PERIOD = '2025/26';

const BOARDS = {
  acute: 'board-northmere-acute-2025-26.html',
  community: 'board-northmere-community-2025-26.html',
  council: 'board-northmere-council-2025-26.html',
  ics: 'board-northmere-ics-2025-26.html',
} as const;
const COMPARE = 'compare.html';
const REPORTS: readonly string[] = [...Object.values(BOARDS), COMPARE];

/** The board report's ten sections in page order; a section with nothing to show keeps its place as one line. */
const BOARD_SECTIONS: readonly { readonly id: string; readonly title: string; readonly noDataTitle?: string }[] = [
  { id: 'summary', title: 'Summary for the board' },
  { id: 'cover', title: 'About this report' },
  { id: 'trajectory', title: 'Trajectory against targets' },
  { id: 'emissions', title: 'Emissions by scope and source', noDataTitle: 'Emissions by source' },
  { id: 'energy', title: 'Energy' },
  { id: 'fleet', title: 'Fleet' },
  { id: 'travel', title: 'Travel' },
  { id: 'quality', title: 'Data quality' },
  { id: 'method', title: 'Method and factors' },
  { id: 'factors', title: `Appendix: every factor used in ${PERIOD}` },
];

let outDir = '';
let demo: DemoResult;
const pages = new Map<string, string>();
let ledger: Ledger | undefined;
let ctx: AnalysisContext;

function page(name: string): string {
  const p = pages.get(name);
  if (p === undefined) throw new Error(`${name} was not written by the demo`);
  return p;
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'tco2e-demo-reports-'));
  demo = await runDemo({ samplesDir: join(ROOT, 'data/samples/ics'), outDir, library: loadFactors(), now: NOW, toolVersion: TOOL_VERSION });
  for (const file of demo.reports) pages.set(basename(file), readFileSync(file, 'utf8'));
  const workspace = loadWorkspace({ cwd: demo.workspaceDir, env: {} });
  ledger = Ledger.open(workspace.ledgerPath);
  ctx = { ledger, library: loadFactors(), config: workspace.config, reads: new Map() };
}, DEMO_TIMEOUT_MS);

afterAll(() => {
  ledger?.close();
  if (outDir !== '') rmSync(outDir, { recursive: true, force: true });
});

describe('the demo writes its five reports', () => {
  it('one board report per organisation and the comparison, nothing else', () => {
    expect(demo.reports.map((f) => basename(f))).toEqual(REPORTS);
  });

  it.each(REPORTS)('%s is byte for byte its reviewed golden file', (name) => {
    expectGolden(`tests/golden/reports/${name}`, readFileSync(join(outDir, name)));
  });
});

describe('what a reader relies on, whatever the goldens say', () => {
  it.each(Object.values(BOARDS))('%s has the ten sections in order, each with content or one line saying why not', (name) => {
    const found = sections(page(name));
    expect(found.map((s) => s.title)).toHaveLength(BOARD_SECTIONS.length);
    for (const [i, want] of BOARD_SECTIONS.entries()) {
      const s = found[i]!;
      if (s.noData) {
        expect(s.title, `section ${i + 1}`).toBe(want.noDataTitle ?? want.title);
        expect(s.markup, `section ${i + 1} (${s.title})`).toMatch(/^<section class="report-section no-data"><h2>[^<]+<\/h2><p class="no-data">[^<]+\.<\/p><\/section>$/);
      } else {
        expect([s.id, s.title], `section ${i + 1}`).toEqual([want.id, want.title]);
      }
    }
    // The cover, the data-quality statement and the method are always there in full.
    for (const id of ['cover', 'quality', 'method']) expect(found.some((s) => s.id === id && !s.noData), id).toBe(true);
  });

  it('the acute trust, which has every kind of data, shows all ten sections in full', () => {
    expect(sections(page(BOARDS.acute)).map((s) => [s.id, s.noData])).toEqual(BOARD_SECTIONS.map((s) => [s.id, false]));
  });

  it('the cover says when and by what the report was made, from the given clock, not the machine\'s', () => {
    for (const name of Object.values(BOARDS)) {
      expect(rowValue(sectionById(page(name), 'cover'), 'Generated'), name).toBe('2026-11-26 by tco2e 0.0.0-test');
      expect(rowValue(sectionById(page(name), 'cover'), 'Reporting period'), name).toBe('2025/26 (1 April 2025 to 31 March 2026)');
    }
  });

  const query = (org: string, scope2: EmissionsQuery['scope2']): EmissionsQuery => ({ org, period: PERIOD, by: 'year', yearBasis: 'financial', scope2, wtt: false, fill: 'none' });

  it('the acute trust\'s headline total is the one `tco2e emissions` gives for the same organisation and year', () => {
    const r = emissionsReport(ctx, query('northmere-acute', 'location'));
    const tco2e = r.result.total.kgCo2e / 1000;
    expect(tco2e).toBeGreaterThan(0);
    const shown = rowValue(sectionById(page(BOARDS.acute), 'summary'), `Total ${PERIOD} (location-based)`);
    expect(shown).toBe(`${formatTco2e(tco2e)} tCO2e`);
    // One decimal at this size, with UK thousands separators.
    expect(shown).toMatch(/^\d{1,3}(,\d{3})+\.\d tCO2e$/);
    // The lead sentence carries the same figure.
    expect(sectionById(page(BOARDS.acute), 'summary')).toContain(`emitted ${formatTco2e(tco2e)} tCO2e in ${PERIOD}`);
  });

  it('the council, which buys a zero-rated supplier tariff, shows the market-based total beside the location-based one', () => {
    const headlines = sectionById(page(BOARDS.council), 'summary');
    const location = rowValue(headlines, `Total ${PERIOD} (location-based)`);
    const market = rowValue(headlines, `Total ${PERIOD} (market-based)`);
    const r = emissionsReport(ctx, query('northmere-council', 'market'));
    expect(r.result.total.market).not.toBeNull();
    expect(r.result.total.market!.supplierKwh).toBeGreaterThan(0);
    expect(location).toBe(`${formatTco2e(r.result.total.kgCo2e / 1000)} tCO2e`);
    expect(market).toBe(`${formatTco2e(r.result.total.market!.kgCo2e / 1000)} tCO2e`);
    // Zero kgCO2e per kWh for most of the council's electricity: market-based must be lower.
    expect(tonnes(market!)).toBeLessThan(tonnes(location!));
    // The acute trust has no supplier factors, so no market-based line is offered.
    expect(rowValue(sectionById(page(BOARDS.acute), 'summary'), `Total ${PERIOD} (market-based)`)).toBeNull();
  });

  it('the ICS total is the sum of its three members\' totals (each rounded to 0.1 t)', () => {
    const total = (name: string): number => tonnes(rowValue(sectionById(page(name), 'summary'), `Total ${PERIOD} (location-based)`)!);
    const members = total(BOARDS.acute) + total(BOARDS.community) + total(BOARDS.council);
    expect(Math.abs(total(BOARDS.ics) - members)).toBeLessThanOrEqual(0.15);
  });

  it('plain words first: Scope 3 categories by what they are, and the carbon budget explained', () => {
    const emissions = sectionById(page(BOARDS.acute), 'emissions');
    expect(rowValue(emissions, 'Business travel and grey fleet (Scope 3 category 6)')).not.toBeNull();
    expect(rowValue(emissions, 'Staff commuting (Scope 3 category 7)')).not.toBeNull();
    expect(rowValue(emissions, 'Scope 3 category 6')).toBeNull();
    expect(sectionById(page(BOARDS.acute), 'trajectory')).toMatch(/Carbon budget, the tonnes the pathway allows added up year by year: [\d,.]+ tCO2e from 2013\/14 to 2020\/21\. In the 13 years with data so far, the pathway allowed [\d,.]+ tCO2e and [\d,.]+ was emitted: [\d,.]+ (less|more) than allowed\./);
  });

  it('a trend that starts below a target\'s level is said to be below it, never to reach it "too late"', () => {
    const trajectory = sectionById(page(BOARDS.acute), 'trajectory');
    expect(trajectory).toContain('Health and care system: 28% by 2020/21 on 2013/14');
    expect(trajectory).toMatch(/28% by 2020\/21 on 2013\/14<\/h3>[\s\S]*?The recent trend is already below the target level\./);
    expect(trajectory).not.toContain('the target level is reached in 2021/22');
  });

  it('the factor appendix lists the 2025 grid electricity factor the year was priced with', () => {
    for (const name of Object.values(BOARDS)) {
      expect(rowValue(sectionById(page(name), 'factors'), 'electricity.grid'), name).toBe('2025');
    }
  });

  it('the community trust\'s data-quality section draws the month grid for its own year only', () => {
    const quality = sectionById(page(BOARDS.community), 'quality');
    expect(quality).toContain('<figure class="chart" id="coverage"');
    expect(quality).toMatch(/<svg\b[^>]*role="img"/);
    // Twelve months, April 2025 to March 2026; the sample's gap in November 2019 is outside the period.
    const months = [...quality.matchAll(/<th scope="col"[^>]*>([A-Z][a-z]{2} \d{4})<\/th>/g)].map((m) => m[1]);
    expect(months.slice(0, 12)).toEqual(['Apr 2025', 'May 2025', 'Jun 2025', 'Jul 2025', 'Aug 2025', 'Sep 2025', 'Oct 2025', 'Nov 2025', 'Dec 2025', 'Jan 2026', 'Feb 2026', 'Mar 2026']);
    expect(quality).not.toMatch(/2019-11|Nov 2019/);
  });

  it.each(REPORTS)('%s: every chart is announced as one image with a label; no script; a CSP that forbids loading anything', (name) => {
    const p = page(name);
    const svgs = svgOpenTags(p);
    expect(svgs.length).toBeGreaterThan(0);
    for (const tag of svgs) {
      expect(attribute(tag, 'role'), tag.slice(0, 120)).toBe('img');
      expect(attribute(tag, 'aria-label')?.trim(), tag.slice(0, 120)).toMatch(/\S{3,}/);
    }
    expectSelfContained(p);
  });
});

describe('the reports in a real browser', () => {
  it.each(REPORTS)('%s loads nothing but itself, logs no error, draws every chart and prints on A4', async (name) => {
    const file = join(outDir, name);
    const result = await checkInBrowser(file, { screenshotName: `demo-${name.replace(/\.html$/, '')}.png` });

    expect(result.consoleErrors).toEqual([]);
    expect(result.dialogs).toEqual([]);
    expect(result.requests).toEqual([pathToFileURL(file).href]);
    expect(result.svgSizes).toHaveLength(svgOpenTags(page(name)).length);
    for (const [i, size] of result.svgSizes.entries()) {
      expect(size.width, `chart ${i + 1} width`).toBeGreaterThan(0);
      expect(size.height, `chart ${i + 1} height`).toBeGreaterThan(0);
    }
    // Each board section starts a new printed page; the comparison may fit on one.
    expect(result.pdfPages).toBeGreaterThanOrEqual(name === COMPARE ? 1 : 2);
    expect(result.pdfBytes).toBeGreaterThan(1000);
    expect(existsSync(result.screenshotPath)).toBe(true);
    expect(statSync(result.screenshotPath).size).toBeGreaterThan(1000);
  }, BROWSER_TIMEOUT_MS);
});

describe('a year that is not over, or holds no metered data, is not reported as a year', () => {
  const board = (period: string, partial?: boolean) => boardReport(ctx, { org: 'northmere-acute', period, now: NOW, toolVersion: TOOL_VERSION, ...(partial === undefined ? {} : { partial }) });

  it('2026/27 (not over, only commuting carried forward) and 2030/31 are refused, saying why and what to do', async () => {
    for (const period of ['2026/27', '2030/31']) {
      const e = await board(period).then(() => undefined, (x: unknown) => x as UserError);
      expect(e?.code, period).toBe('period_incomplete');
      expect(e!.message).toContain(`the year is not over (it ends on 31 March ${Number(period.slice(0, 4)) + 1}`);
      expect(e!.message).toContain('no metered supply');
      expect(e!.hint).toContain('--partial');
    }
  });

  it('the comparison up to 2026/27 or 2030/31 is refused the same way; with --partial its subtitle says why', async () => {
    const orgs = ['northmere-acute', 'northmere-council'];
    for (const period of ['2026/27', '2030/31']) {
      const e = await compareHtml(ctx, { orgs, period, now: NOW, toolVersion: TOOL_VERSION }).then(() => undefined, (x: unknown) => x as UserError);
      expect(e?.code, period).toBe('period_incomplete');
      expect(e!.message).toContain(`${period} is not over (it ends on 31 March ${Number(period.slice(0, 4)) + 1})`);
      expect(e!.hint).toContain('--partial');
    }
    expect((await compareHtml(ctx, { orgs, period: '2030/31', now: NOW, toolVersion: TOOL_VERSION }).then(() => undefined, (x: unknown) => x as UserError))!.message).toContain('no organisation compared has data for 2030/31');
    const partial = await compareHtml(ctx, { orgs, period: 'FY26/27', now: NOW, toolVersion: TOOL_VERSION, partial: true });
    expect(partial.html).toContain('Financial years to 2026/27 (partial view: 2026/27 is not over (it ends on 31 March 2027)');
    // A year that is over compares as before, read as NHS papers write it.
    expect((await compareHtml(ctx, { orgs, period: '2024-25', now: NOW, toolVersion: TOOL_VERSION })).html).toContain('Financial years to 2024/25;');
  }, DEMO_TIMEOUT_MS);

  it('a year long past with no metered data is refused for that alone', async () => {
    const e = await board('2005/06').then(() => undefined, (x: unknown) => x as UserError);
    expect(e?.code).toBe('period_incomplete');
    expect(e!.message).not.toContain('not over');
    expect(e!.message).toContain('no metered supply (electricity, gas, heat or water) has data in 2005/06');
  });

  it('with --partial, every headline and status says partial, and nothing is judged or set against a whole year', async () => {
    const r = await board('2026/27', true);
    expect(r.data.partial.length).toBe(2);
    const head = sectionById(r.html, 'summary');
    expect(head).toContain('Partial view of 2026/27');
    expect(head).not.toMatch(/down \d+(\.\d+)?% on/);
    expect(head).not.toContain('On track');
    expect(head).toContain('Partial year: not judged');
    expect(sectionById(r.html, 'cover')).toContain('Partial view');
  });

  it('reads the period as NHS papers write it: 2025-26, 2025/2026, FY2025/26 and FY25/26 are 2025/26', () => {
    const data = (period: string) => boardData(ctx, { org: 'northmere-acute', period, now: NOW, toolVersion: TOOL_VERSION });
    const whole = data('2025/26');
    for (const period of ['2025-26', '2025/2026', 'FY2025/26', 'FY25/26', 'fy 25-26']) {
      const r = data(period);
      expect(r.period, period).toBe('2025/26');
      expect(r.current?.kgCo2e, period).toBe(whole.current?.kgCo2e);
    }
    const q = (period: string) => emissionsReport(ctx, { org: 'northmere-acute', period, by: 'year', yearBasis: 'financial', scope2: 'location', wtt: false, fill: 'none' }).result.total.kgCo2e;
    expect(q('FY25/26')).toBe(q('2025/26'));
  });
});
