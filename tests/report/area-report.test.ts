/**
 * The area report (issue 16, part 3) for three neighbouring authorities, made the way a user
 * makes it, through the CLI, from the fixtures (tests/fixtures/la-ghg): at least three charts,
 * the same page checks as the other reports (CSP, no script, nothing fetched), the ranking's
 * figures as a hand calculation over the fixture rows gives them, the edition named with its
 * revision note, an authority whose name is markup shown as text, and an A4 print in Chromium.
 * BCP has an area target in the workspace config (carbon neutral by 2050 with −40% by 2030, as
 * in tests/area/area-targets.test.ts): its pathway is drawn on its figures, with its status.
 */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { svgProblem } from '../../src/render/html/svg-safety.js';
import { INFLUENCE_SENTENCE, noAreaTarget, REVISION_NOTE, TARGETS_SENTENCE, TERRITORIAL_SENTENCE, ukMissingNote } from '../../src/report/area/words.js';
import { Ledger } from '../../src/store/ledger.js';
import { ROOT, runCli } from '../helpers.js';
import { checkInBrowser, countPdfPages, launchBrowser, type PageGlobals } from '../render/browser.js';
import { attribute, expectSelfContained, sectionById, sections, svgOpenTags, unescapeHtml } from './page-checks.js';

const FIX = join(ROOT, 'tests/fixtures/la-ghg');
const BCP = 'Bournemouth, Christchurch and Poole';
const HOSTILE = '<script>alert(1)</script> & "Hostile" District';
const HOSTILE_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Hostile&quot; District';
const IMG = '<img src=x onerror=alert(1)>';

// Five CLI runs, each a fresh Node process, on a busy two-core machine.
const SETUP_TIMEOUT_MS = 120_000;
const BROWSER_TIMEOUT_MS = 120_000;

/** A4 less the report's page margins (16 mm each side), at 96 CSS px to the inch. */
const A4_TEXT_WIDTH_PX = Math.floor((178 / 25.4) * 96);
/** 8 pt in CSS px. */
const MIN_PRINT_PX = (8 * 96) / 72;

function cli(dir: string, ...args: string[]): string {
  const r = runCli(dir, ...args);
  if (r.code !== 0) throw new Error(`tco2e ${args.join(' ')} exited ${String(r.code)}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

let dir = '';
let file = '';
let xssFile = '';
let page = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tco2e-area-report-'));
  writeFileSync(join(dir, 'tco2e.config.json'), JSON.stringify({
    version: 1,
    organisations: [{ id: 'bcp-council', name: 'BCP Council', kind: 'council', laCode: 'E06000058' }],
    targets: [{ id: 'bcp-area-2050', area: 'E06000058', preset: 'area-carbon-neutral-2050', interim: [{ year: 2030, reductionPct: 40 }] }],
  }));
  Ledger.open(join(dir, 'tco2e-ledger.sqlite'), { create: true }).close();
  // The 2005-2022 edition revises BCP and Elmbridge; Guildford is held only in the 2005-2020 one.
  for (const f of ['la-ghg-2005-2020.csv', 'la-ghg-2005-2022.csv', 'la-ghg-xss-2005-2020.csv']) cli(dir, 'import', 'la-ghg', join(FIX, f));
  file = join(dir, 'area.html');
  expect(cli(dir, 'report', 'area', '--la', 'E06000058', '--la', 'E07000207', '--la', 'E07000209', '--out', file)).toContain(file);
  // Without --out: reports/area.html in the working folder, as `report compare` does.
  cli(dir, 'report', 'area', '--la', 'E06000058', '--la', 'E07000999');
  xssFile = join(dir, 'reports', 'area.html');
  page = readFileSync(file, 'utf8');
}, SETUP_TIMEOUT_MS);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

function figureById(id: string): string {
  const m = new RegExp(`<figure class="chart" id="${id}"[\\s\\S]*?</figure>`).exec(page);
  if (m === null) throw new Error(`no figure "${id}"`);
  return m[0];
}

/** The cells of the table row headed `name` in `markup`, the row header first. */
function row(markup: string, name: string): string[] {
  for (const m of markup.matchAll(/<tr><th scope="row">([^<]*)<\/th>([\s\S]*?)<\/tr>/g)) {
    if (unescapeHtml(m[1]!) === name) return [name, ...[...m[2]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => unescapeHtml(c[1]!))];
  }
  throw new Error(`no row "${name}"`);
}

describe('the area report for three neighbouring authorities', () => {
  it('has at least three charts, each with a title, a takeaway with a figure, a description and its numbers', () => {
    const figures = [...page.matchAll(/<figure class="chart" id="([^"]+)"/g)].map((m) => m[1]!);
    expect(figures).toEqual(['per-resident', 'indexed', 'sectors', 'scope', 'targets-pathway']);
    expect(svgOpenTags(page)).toHaveLength(figures.length);
    for (const id of figures) {
      const f = figureById(id);
      expect(f, id).toMatch(/<h3 id="[^"]+-title">[^<]{10,}<\/h3>/);
      expect(f, id).toMatch(/<p class="takeaway">[^<]*\d[^<]*<\/p>/);
      expect(f, id).toMatch(/<desc>[^<]{20,}<\/desc>/);
      expect(f, id).toMatch(/<div class="chart-data print-only"><table>[\s\S]*<tr><th scope="row">/);
    }
    expect(sections(page).map((s) => s.id)).toEqual(['about', 'trajectory', 'sectors', 'scope', 'targets', 'ranking', 'edition']);
  });

  it('passes the page checks of every report: one image per chart, no script, nothing fetched, a CSP that forbids it', () => {
    for (const tag of svgOpenTags(page)) {
      expect(attribute(tag, 'role')).toBe('img');
      expect(attribute(tag, 'aria-label')?.trim()).toMatch(/\S{3,}/);
    }
    for (const svg of page.match(/<svg\b[\s\S]*?<\/svg>/g) ?? []) expect(svgProblem(svg.replace(/<title>[^<]*<\/title><desc>[^<]*<\/desc>/, ''))).toBeUndefined();
    expectSelfContained(page);
  });

  it('ranks by the cut since the base year and per resident, with the figures a hand calculation over the fixture rows gives', () => {
    const ranking = sectionById(page, 'ranking');
    // The base year is the first every authority holds (BCP and Elmbridge from 2019 in the
    // 2005-2022 edition); the year ranked the last every one holds (Guildford to 2020).
    expect(unescapeHtml(ranking)).toContain('Ranking: the cut since 2019 and emissions per resident in 2020');
    // BCP, 2005-2022 edition, kt CO2e: 2019: 185 + 290 + 140 + 1.5 + 18 + 100 − 5 = 729.5;
    // 2020: 165 + 280 + 110 + 1 + 16 + 80 − 5 = 647. Change: (647 − 729.5) ÷ 729.5 = −11.309%.
    // Per resident 2020: 647 kt ÷ 397.5 thousand = 1.6277 t. Within influence (no motorways):
    // 2019: 729.5 − 1.5 − 18 − 100 = 610; 2020: 647 − 1 − 16 − 80 = 550; (550 − 610) ÷ 610 = −9.836%.
    expect(row(ranking, BCP)).toEqual([BCP, '\u221211.3%', '1', '1.63', '3', '729,500.0', '647,000.0', '\u22129.8%']);
    // Elmbridge: 95 + 48 = 143 kt both years, 143 ÷ 137 = 1.0438 t; Guildford (2005-2020): 160 kt, 160 ÷ 149 = 1.0738 t.
    expect(row(ranking, 'Elmbridge')).toEqual(['Elmbridge', '0%', '2', '1.04', '1', '143,000.0', '143,000.0', '0%']);
    expect(row(ranking, 'Guildford')).toEqual(['Guildford', '0%', '2', '1.07', '2', '160,000.0', '160,000.0', '0%']);
    // The index: BCP 2022 on 2019, 620 ÷ 729.5 × 100 = 84.99.
    // 2022: 150 + 250 + 120 + 1 + 14 + 90 − 5 = 620.
    expect(row(figureById('indexed'), '2022')).toEqual(['2022', '85', '100', '']);
    expect(unescapeHtml(figureById('indexed'))).toContain(`${BCP} has cut furthest since 2019, to 85 in 2022`);
  });

  it('names each edition with its revision note, explains both measures, and draws no UK line it cannot', () => {
    const text = unescapeHtml(page);
    const edition = unescapeHtml(sectionById(page, 'edition'));
    expect(edition).toContain(REVISION_NOTE);
    expect(row(sectionById(page, 'edition'), '2005-2022')[3]).toBe(`${BCP} and Elmbridge`);
    expect(row(sectionById(page, 'edition'), '2005-2020')[3]).toBe('Guildford');
    expect(edition).toContain('come from 2 editions (2005-2022, 2005-2020)');
    const scope = unescapeHtml(sectionById(page, 'scope'));
    expect(scope).toContain(TERRITORIAL_SENTENCE);
    expect(scope).toContain(INFLUENCE_SENTENCE);
    // BCP 2022 within influence: 150 + 250 + 120 − 5 = 515 of 620 kt, 83%.
    expect(scope).toContain(`${BCP} 83% in 2022`);
    // The fixtures hold a few authorities, not the whole UK: no UK line, and the page says why.
    expect(unescapeHtml(sectionById(page, 'trajectory'))).toContain(ukMissingNote('the imported edition (2005-2022) does not hold the whole UK').slice(0, -1));
    // Rows that are not an authority never reach the page.
    expect(text).not.toMatch(/Unallocated|unknown location|8,800|9,000,000/);
  });

  it('draws BCP\'s area target pathway on its figures, with the cut required, the cut achieved, the status and the trend; the others say they have none', () => {
    const targets = sectionById(page, 'targets');
    expect(unescapeHtml(targets)).toContain(TARGETS_SENTENCE);
    const chart = figureById('targets-pathway');
    // Pathway: 729,500 in 2019 → 437,700 in 2030 → 0 in 2050; the first stretch cuts
    // (729,500 − 437,700) ÷ 11 = 26,527.27 t a year, so 2022 asks 729,500 − 3 × 26,527.27 = 649,918.18 t.
    const label = `${BCP}: Area carbon neutral by 2050 on 2019, territorial`;
    const rows = [...chart.matchAll(/<tr><th scope="row">([^<]*)<\/th>([\s\S]*?)<\/tr>/g)]
      .filter((m) => unescapeHtml(m[1]!) === label)
      .map((m) => [...m[2]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => unescapeHtml(c[1]!)));
    expect(rows.find((r) => r[0] === '2022')).toEqual(['2022', '620,000.0', '649,918.2']);
    expect(rows.find((r) => r[0] === '2019')).toEqual(['2019', '729,500.0', '729,500.0']);
    expect(rows.find((r) => r[0] === '2030')).toEqual(['2030', '', '437,700.0']);
    expect(rows.at(-1)).toEqual(['2050', '', '0.00']);
    expect(unescapeHtml(chart)).toContain(`${BCP}, Area carbon neutral by 2050 on 2019: on track in 2022`);
    // 2022: 620,000 t, a cut of 15.01% against the 10.91% the pathway asks; the trend reaches zero in 2043.
    expect(row(targets, 'Area carbon neutral by 2050 on 2019')).toEqual(['Area carbon neutral by 2050 on 2019', '2022', '10.9%', '15%', 'on track', '2043, in time']);
    expect(unescapeHtml(targets)).toContain(noAreaTarget('Elmbridge'));
    expect(unescapeHtml(targets)).toContain(noAreaTarget('Guildford'));
    expect(unescapeHtml(targets)).not.toContain(noAreaTarget(BCP));
  });
});

describe('an authority whose name is markup', () => {
  it('reaches the page as text, escaped, in the headings, tables and charts', () => {
    expect(existsSync(xssFile)).toBe(true);
    const xss = readFileSync(xssFile, 'utf8');
    expect(xss).toContain(`<title>Area greenhouse gas emissions: 2 local authorities side by side</title>`);
    expect(xss).toContain(`<th scope="row">${HOSTILE_ESCAPED}</th>`);
    expect(xss).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(xss).not.toMatch(/<script/i);
    expect(xss).not.toMatch(/<img/i);
    expect(xss).not.toContain(HOSTILE);
    for (const svg of xss.match(/<svg\b[\s\S]*?<\/svg>/g) ?? []) expect(svgProblem(svg.replace(/<title>[^<]*<\/title><desc>[^<]*<\/desc>/, ''))).toBeUndefined();
  });

  it('in a browser opens no dialog, runs and fetches nothing, and shows the name as text', async () => {
    const result = await checkInBrowser(xssFile, {
      screenshotName: 'xss-area.png',
      probe: async (p) => ({
        scripts: await p.locator('script').count(),
        embeds: await p.locator('img, image, iframe, object, embed, foreignObject').count(),
        text: await p.innerText('body'),
      }),
    });
    expect(result.dialogs).toEqual([]);
    expect(result.consoleErrors).toEqual([]);
    expect(result.requests).toEqual([pathToFileURL(xssFile).href]);
    expect(result.probe.scripts).toBe(0);
    expect(result.probe.embeds).toBe(0);
    expect(result.probe.text).toContain(HOSTILE);
    expect(result.probe.text).toContain(IMG);
  }, BROWSER_TIMEOUT_MS);
});

describe('the area report on A4 in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, BROWSER_TIMEOUT_MS);
  afterAll(async () => {
    await browser.close();
  });

  it('draws every chart, keeps chart text at 8 pt or more on paper, and prints on at most 6 pages', async () => {
    const p = await browser.newPage({ viewport: { width: A4_TEXT_WIDTH_PX, height: 1000 } });
    await p.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await p.emulateMedia({ media: 'print' });
    const measured = await p.evaluate(() => {
      const doc = (globalThis as unknown as PageGlobals).document as unknown as { querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): { width: number; height: number }; viewBox: { baseVal: { width: number } }; querySelectorAll(s: string): ArrayLike<unknown> }> };
      const style = (e: unknown): { fontSize: string } => (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(e);
      let min = Infinity;
      const sizes: { width: number; height: number }[] = [];
      for (const svg of Array.from(doc.querySelectorAll('figure.chart svg'))) {
        const r = svg.getBoundingClientRect();
        sizes.push({ width: r.width, height: r.height });
        const scale = r.width / svg.viewBox.baseVal.width;
        for (const t of Array.from(svg.querySelectorAll('text'))) min = Math.min(min, parseFloat(style(t).fontSize) * scale);
      }
      return { min, sizes };
    });
    expect(measured.sizes).toHaveLength(5);
    for (const s of measured.sizes) {
      expect(s.width).toBeGreaterThan(100);
      expect(s.height).toBeGreaterThan(100);
    }
    expect(measured.min).toBeGreaterThanOrEqual(MIN_PRINT_PX);
    const pdf = await p.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pages = countPdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(6);
    await p.close();
  }, BROWSER_TIMEOUT_MS);
});
