/**
 * The board reports on A4 paper, as Chromium prints them: the summary stands alone on its first
 * two pages, chart text is at least 8 pt on paper, the tables of numbers under the charts are
 * left out unless the report was made to print them, and the factor list is an appendix.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../src/demo/run-demo.js';
import { loadFactors } from '../../src/factors/library.js';
import { boardReport } from '../../src/report/board/index.js';
import { Ledger } from '../../src/store/ledger.js';
import { loadWorkspace } from '../../src/workspace/config.js';
import { ROOT } from '../helpers.js';
import { countPdfPages, launchBrowser, type PageGlobals } from '../render/browser.js';

const DEMO_TIMEOUT_MS = 180_000;
const BROWSER_TIMEOUT_MS = 120_000;
const NOW = new Date('2026-11-26T12:00:00Z');

/** A4 less the report's page margins (16 mm each side): 178 mm at 96 CSS px to the inch. */
const A4_TEXT_WIDTH_PX = Math.floor((178 / 25.4) * 96);
/** 8 pt in CSS px (1 pt = 1/72 in, 1 px = 1/96 in). */
const MIN_PRINT_PX = (8 * 96) / 72;

let outDir = '';
let boards: string[] = [];
let browser: Browser;
let withTables = '';

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'tco2e-board-print-'));
  const demo = await runDemo({ samplesDir: join(ROOT, 'data/samples/ics'), outDir, library: loadFactors(), now: NOW, toolVersion: '0.0.0-test' });
  boards = demo.reports.filter((f) => basename(f).startsWith('board-'));
  const ws = loadWorkspace({ cwd: demo.workspaceDir, env: {} });
  const ledger = Ledger.open(ws.ledgerPath);
  try {
    const r = await boardReport({ ledger, library: loadFactors(), config: ws.config, reads: new Map() }, { org: 'northmere-acute', period: '2025/26', now: NOW, toolVersion: '0.0.0-test', printTables: true });
    withTables = join(outDir, 'with-tables.html');
    writeFileSync(withTables, r.html);
  } finally {
    ledger.close();
  }
  browser = await launchBrowser();
}, DEMO_TIMEOUT_MS);

afterAll(async () => {
  await browser.close();
  if (outDir !== '') rmSync(outDir, { recursive: true, force: true });
});

async function printed(file: string, css?: string): Promise<{ page: Page; pages: number }> {
  const page = await browser.newPage({ viewport: { width: A4_TEXT_WIDTH_PX, height: 1000 } });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  if (css !== undefined) await page.addStyleTag({ content: css });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  return { page, pages: countPdfPages(pdf) };
}

describe('the board reports on A4', () => {
  it('the demo writes four board reports', () => {
    expect(boards.map((f) => basename(f)).sort()).toEqual(['board-northmere-acute-2025-26.html', 'board-northmere-community-2025-26.html', 'board-northmere-council-2025-26.html', 'board-northmere-ics-2025-26.html']);
  });

  it('each summary, with its targets, a trajectory and the largest changes, fits the first two pages', async () => {
    for (const file of boards) {
      const html = readFileSync(file, 'utf8');
      const summary = /<section class="report-section" id="summary">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
      expect(summary, basename(file)).toContain('<h3>Targets</h3>');
      expect(summary, basename(file)).toMatch(/<figure class="chart" id="summary-trajectory"/);
      expect(summary, basename(file)).toMatch(/<h3>The largest changes on 2024\/25<\/h3><ol class="movements">(<li>[^<]+<\/li>){3}<\/ol>/);
      // The summary alone, as it prints at the head of the report: at most two pages.
      const alone = await printed(file, 'main > :not(#summary) { display: none !important; }');
      expect(alone.pages, basename(file)).toBeLessThanOrEqual(2);
      // And what follows it starts on a page of its own.
      const breaks = await alone.page.evaluate(() => {
        const doc = (globalThis as unknown as PageGlobals).document as unknown as { querySelector(s: string): unknown };
        const style = (e: unknown): { breakBefore: string } => (globalThis as unknown as { getComputedStyle(e: unknown): { breakBefore: string } }).getComputedStyle(e);
        return [style(doc.querySelector('#cover')).breakBefore, style(doc.querySelector('#factors')).breakBefore];
      });
      expect(breaks, basename(file)).toEqual(['page', 'page']);
      await alone.page.close();
    }
  }, BROWSER_TIMEOUT_MS * 2);

  it('chart text is at least 8 pt on paper, and the report before its appendix stays within 13 pages', async () => {
    for (const file of boards) {
      const { page, pages } = await printed(file, 'section.appendix { display: none !important; }');
      const smallest = await page.evaluate(() => {
        const doc = (globalThis as unknown as PageGlobals).document as unknown as { querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): { width: number }; viewBox: { baseVal: { width: number } }; querySelectorAll(s: string): ArrayLike<unknown> }> };
        const style = (e: unknown): { fontSize: string } => (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(e);
        let min = Infinity;
        for (const svg of Array.from(doc.querySelectorAll('figure.chart svg'))) {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          for (const t of Array.from(svg.querySelectorAll('text'))) min = Math.min(min, parseFloat(style(t).fontSize) * scale);
        }
        return min;
      });
      expect(smallest, basename(file)).toBeGreaterThanOrEqual(MIN_PRINT_PX);
      // 12 pages until the travel section gained journeys to each site by mode for staff and for
      // patients and visitors, their private-car shares and targets, and patients' and visitors'
      // travel: the acute trust's and the ICS's boards take one page more, the others none.
      expect(pages, basename(file)).toBeLessThanOrEqual(13);
      await page.close();
    }
  }, BROWSER_TIMEOUT_MS * 2);

  it('the tables of numbers under the charts print only when asked for', async () => {
    const shown = async (file: string): Promise<string[]> => {
      const { page } = await printed(file);
      const displays = await page.evaluate(() => {
        const doc = (globalThis as unknown as PageGlobals).document as unknown as { querySelectorAll(s: string): ArrayLike<unknown> };
        const style = (e: unknown): { display: string } => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(e);
        return Array.from(doc.querySelectorAll('figure.chart .chart-data')).map((e) => style(e).display);
      });
      await page.close();
      return displays;
    };
    const plain = await shown(boards.find((f) => f.includes('acute'))!);
    expect(plain.length).toBeGreaterThan(5);
    expect(new Set(plain)).toEqual(new Set(['none']));
    const asked = await shown(withTables);
    expect(asked.filter((d) => d === 'block')).toHaveLength(asked.length / 2);
  }, BROWSER_TIMEOUT_MS);
});
