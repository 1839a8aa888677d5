/**
 * The comparison report on the sample ICS, read the way a council or ICS board member would: each
 * organisation against its own target in small multiples, trajectories indexed to their own
 * baselines without the ICS line sitting on the acute trust's, the system's total in tonnes,
 * intensities as charts, a ranking within one target at a time, commuting compared where it is
 * surveyed, caveats in words, market-based beside location-based, and legends that give names
 * whole. The trends drawn fall where the sample's activity falls.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emissionsReport } from '../../src/aggregate/emissions-query.js';
import { footprint, type AnalysisContext } from '../../src/aggregate/footprint.js';
import { loadSampleWorkspace } from '../../src/demo/load.js';
import { loadFactors } from '../../src/factors/library.js';
import { compareHtml } from '../../src/report/compare/index.js';
import { formatTco2e } from '../../src/render/html/format-uk.js';
import { Ledger } from '../../src/store/ledger.js';
import type { CompareReport } from '../../src/targets/compare-orgs.js';
import { ROOT } from '../helpers.js';
import { sectionById, sections, svgOpenTags, unescapeHtml } from './page-checks.js';

// Importing thirteen years of the sample dataset takes about 30 s of CPU on a busy machine.
const LOAD_TIMEOUT_MS = 180_000;
const NOW = new Date('2026-11-26T12:00:00Z');

const ACUTE = 'Northmere Hospitals NHS Trust (sample data)';
const COMMUNITY = 'Northmere Community Health NHS Trust (sample data)';
const COUNCIL = 'Northmere Borough Council (sample data)';
const ICS = 'Northmere Health and Care Partnership (sample data)';

let dir = '';
let ledger: Ledger | undefined;
let ctx: AnalysisContext;
let page = '';
let data: CompareReport;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tco2e-compare-report-'));
  const loaded = await loadSampleWorkspace({ samplesDir: join(ROOT, 'data/samples/ics'), workspaceDir: dir, library: loadFactors(), now: NOW, toolVersion: '0.0.0-test' });
  ledger = Ledger.open(loaded.workspace.ledgerPath);
  ctx = { ledger, library: loadFactors(), config: loaded.workspace.config, reads: new Map() };
  const r = await compareHtml(ctx, { orgs: ['northmere-acute', 'northmere-community', 'northmere-council', 'northmere-ics'], period: '2025/26', now: NOW, toolVersion: '0.0.0-test' });
  page = r.html;
  data = r.data;
}, LOAD_TIMEOUT_MS);

afterAll(() => {
  ledger?.close();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/** The markup of the figure with this id. */
function figureById(id: string): string {
  const m = new RegExp(`<figure class="chart" id="${id}"[\\s\\S]*?</figure>`).exec(page);
  if (m === null) throw new Error(`no figure "${id}"`);
  return m[0];
}

/** The print copy of a figure's numbers: header cells, then rows of cells (the row header first). */
function figureTable(id: string): { readonly headers: string[]; readonly rows: string[][] } {
  const f = figureById(id);
  const table = /<div class="chart-data print-only">([\s\S]*?)<\/div>/.exec(f)![1]!;
  const headers = [...table.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => unescapeHtml(m[1]!));
  const rows = [...table.matchAll(/<tr><th scope="row">([\s\S]*?)<\/tr>/g)].map((m) => [...`<th>${m[1]!}`.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((c) => unescapeHtml(c[1]!)));
  return { headers, rows };
}

const num = (cell: string): number => Number(cell.replace(/,/g, '').replace('\u2212', '-'));

/** Texts drawn in the SVGs of the page. */
function svgTexts(markup: string): string[] {
  // A title of several lines is one <text> with a <tspan> a line.
  return [...markup.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) => unescapeHtml(m[1]!.replace(/<\/tspan>\s*<tspan\b[^>]*>/g, ' ').replace(/<[^>]+>/g, '')));
}

describe('the comparison report has the charts a board needs', () => {
  it('draws at least four charts, each with a title, a takeaway, a description and its numbers', () => {
    const figures = [...page.matchAll(/<figure class="chart" id="([^"]+)"/g)].map((m) => m[1]);
    expect(figures.length).toBeGreaterThanOrEqual(4);
    expect(svgOpenTags(page).length).toBe(figures.length);
    for (const id of figures) {
      const f = figureById(id!);
      expect(f, id).toMatch(/<h3 id="[^"]+-title">[^<]{10,}<\/h3>/);
      expect(f, id).toMatch(/<p class="takeaway">[^<]*\d[^<]*<\/p>/);
      expect(f, id).toMatch(/<desc>[^<]{20,}<\/desc>/);
      expect(figureTable(id!).rows.length, id).toBeGreaterThan(0);
    }
    expect(figures).toEqual(expect.arrayContaining(['pathways', 'indexed', 'system-1', 'per-m2', 'per-wte', 'per-resident', 'commuting', 'market']));
  });

  it('shows each organisation\'s own target pathway in a small panel of its own', () => {
    const f = figureById('pathways');
    const texts = svgTexts(f).join(' ');
    // Each panel's heading gives the name whole, over as many lines as it needs.
    for (const name of [ACUTE, COMMUNITY, COUNCIL, ICS]) expect(texts.replace(/\s+/g, ' '), name).toContain(name);
    // One panel a chart area: four organisations, four plots, one shared legend.
    expect(data.pathways.map((p) => p.org)).toEqual(['northmere-acute', 'northmere-community', 'northmere-council', 'northmere-ics']);
    const table = figureTable('pathways');
    for (const name of [ACUTE, COMMUNITY, COUNCIL, ICS]) {
      const rows = table.rows.filter((r) => r[0] === name);
      expect(rows.some((r) => r[3] !== ''), name).toBe(true);
      expect(rows.some((r) => r[2] !== ''), name).toBe(true);
    }
    // Each panel draws its own target, the one still ahead: the trusts' NHS 2040, the council's 2030, the system's 2050.
    expect(data.pathways.map((p) => p.targetYear)).toEqual([2040, 2040, 2030, 2050]);
    expect(sectionById(page, 'targets')).toContain('NHS Carbon Footprint: net zero by 2040');
  });

  it('indexes the members to their own baselines, with the ICS in tonnes instead of on top of the acute trust', () => {
    const indexed = figureTable('indexed');
    expect(indexed.headers.some((h) => h.startsWith(ICS))).toBe(false);
    expect(indexed.headers).toEqual(['Financial year', `${ACUTE} (2013/14 = 100)`, `${COMMUNITY} (2013/14 = 100)`, `${COUNCIL} (2013/14 = 100)`]);
    const system = figureTable('system-1');
    const total = system.headers.indexOf('Total (tCO₂e)');
    expect(system.rows.at(-1)![0]).toBe('2025/26');
    const ics = data.rollups[0]!.points.find((p) => p.year === '2025/26')!;
    expect(system.rows.at(-1)![total]).toBe(formatTco2e(ics.kgCo2e! / 1000));
    expect(figureById('system-1')).toContain(`${ICS} emitted ${formatTco2e(ics.kgCo2e! / 1000)} tCO2e in 2025/26`);
  });

  it('charts emissions per m², per WTE and per resident over every year, not a three-year table', () => {
    for (const id of ['per-m2', 'per-wte', 'per-resident']) expect(figureTable(id).rows.length, id).toBe(13);
    // Residents: the council and the system have a population; trusts do not.
    expect(figureTable('per-resident').headers.slice(1)).toEqual([`${COUNCIL} (kg CO₂e per resident)`, `${ICS} (sum of members) (kg CO₂e per resident)`]);
    const wte = figureTable('per-wte');
    const acute = data.series.find((s) => s.org === 'northmere-acute')!.points.at(-1)!;
    expect(num(wte.rows.at(-1)![1]!)).toBeCloseTo(acute.kgCo2e / acute.figures.find((f) => f.metric === 'staffWte')!.denominator!, 1);
  });

  it('ranks by cut achieved and by intensity within one target at a time', () => {
    const s = sectionById(page, 'standings');
    const heads = [...s.matchAll(/<h3>([^<]*)<\/h3>/g)].map((m) => unescapeHtml(m[1]!));
    expect(heads).toEqual(['Health and care system: 28% by 2020/21 on 2013/14', 'NHS Carbon Footprint: net zero by 2040, 80% by 2028–2032', 'Targets held by one organisation only']);
    const nhs = data.rankings.find((g) => g.preset === 'nhs-carbon-footprint-2040')!;
    expect(nhs.rows.map((r) => r.org)).toEqual(['northmere-acute', 'northmere-community']);
    expect(nhs.rows.map((r) => r.rankByCut)).toEqual([1, 2]);
    expect(nhs.metric).toBe('staffWte');
    // The community trust is smaller per head of staff: first by intensity though second by cut.
    expect(nhs.rows.find((r) => r.org === 'northmere-community')!.rankByIntensity).toBe(1);
    // A 1990 Climate Change Act target is never set against a 2013/14 one.
    for (const g of data.rankings) expect(new Set(g.rows.map((r) => r.target)).size, g.name).toBe(1);
  });

  it('compares commuting between the organisations that survey it, and says the council has no survey', () => {
    expect(data.surveyed).toEqual(['northmere-acute', 'northmere-community']);
    const s = sectionById(page, 'commuting');
    const community = data.series.find((x) => x.org === 'northmere-community')!.points.at(-1)!;
    const share = community.commutingKgCo2e! / (community.kgCo2e + community.commutingKgCo2e!);
    // About two thirds of the community trust's footprint once commuting is counted.
    expect(share).toBeGreaterThan(0.6);
    expect(s).toContain(`${Math.round(share * 100)}% of ${COMMUNITY}&#39;s footprint`);
    expect(unescapeHtml(s)).toContain(`${COUNCIL} has no staff travel survey`);
    expect(figureTable('commuting').headers.slice(1)).toEqual([`${ACUTE} (kg CO₂e of commuting per WTE)`, `${COMMUNITY} (kg CO₂e of commuting per WTE)`]);
  });

  it('puts market-based beside location-based where supplier factors exist, from the same figures as `emissions`', () => {
    const r = emissionsReport(ctx, { org: 'northmere-council', period: '2025/26', by: 'year', yearBasis: 'financial', scope2: 'market', wtt: false, fill: 'none' });
    const latest = sectionById(page, 'latest');
    const row = [...latest.matchAll(/<tr><th scope="row">([^<]*)<\/th>((?:<td[^>]*>[^<]*<\/td>)+)<\/tr>/g)].find((m) => unescapeHtml(m[1]!) === COUNCIL)!;
    const cells = [...row[2]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => unescapeHtml(m[1]!));
    // Commuting is not in these totals, and the council has none: no survey, and as a council its
    // commuting is not estimated by the default method unless its config asks. Its totals are the `emissions` ones.
    const fp = footprint(ctx, { orgs: ['northmere-council'], from: '2025-04-01', to: '2026-03-31' });
    expect(fp.lines.filter((l) => l.source.startsWith('commuting'))).toEqual([]);
    expect(fp.warnings.map((w) => w.code)).toContain('commuting_left_out');
    expect(cells[1]).toBe(formatTco2e(r.result.total.kgCo2e / 1000));
    expect(cells[2]).toBe(formatTco2e(r.result.total.market!.kgCo2e / 1000));
    expect(figureTable('market').headers.slice(1)).toEqual([`${COUNCIL}, location-based (tCO₂e)`, `${COUNCIL}, market-based (tCO₂e)`]);
  });

  it('says its caveats in words, only where there is one, and each figure says its basis', () => {
    const text = unescapeHtml(page);
    expect(text).not.toMatch(/biomass_pellets|no oil data|no fleet data|scope_coverage/);
    const indexed = sectionById(page, 'trajectories');
    expect(unescapeHtml(indexed)).toContain(`${COMMUNITY}, 2019/20: incomplete, so the figure is low: Millbrook Health Centre electricity has no data for November 2019.`);
    // One caveat in thirteen years of three organisations: the mark means something.
    expect(data.series.flatMap((s) => s.points.filter((p) => p.flags.length > 0)).length).toBe(1);
    for (const id of ['indexed', 'system-1', 'per-m2', 'per-wte', 'per-resident', 'commuting', 'market']) {
      const after = page.slice(page.indexOf(`id="${id}"`));
      expect(after.slice(after.indexOf('</figure>'), after.indexOf('</figure>') + 400), id).toMatch(/<p class="note">Basis: [^<]*location-based/);
    }
    expect(sections(page).map((s) => s.title)).toContain('What is compared');
  });

  it('gives every name in its legends whole', () => {
    const texts = [...page.matchAll(/<svg\b[\s\S]*?<\/svg>/g)].flatMap((m) => svgTexts(m[0]));
    expect(texts.filter((t) => t.includes('…'))).toEqual([]);
    for (const id of ['indexed', 'per-wte', 'system-1']) {
      const drawn = svgTexts(figureById(id));
      for (const name of [ACUTE, COMMUNITY, COUNCIL]) expect(drawn, `${id}: ${name}`).toContain(name);
    }
  });
});

describe('the demo\'s trends fall where the demo\'s activity falls', () => {
  const index = (org: string): Map<string, number> => {
    const t = figureTable('indexed');
    const col = t.headers.findIndex((h) => h.startsWith(org));
    return new Map(t.rows.map((r) => [r[0]!, num(r[col]!)]));
  };
  const biggestFall = (m: Map<string, number>): string => {
    const years = [...m.keys()];
    // As a share of the year before: a 10-point fall from 85 is a smaller cut than 10 from 67.
    return years.slice(1).map((y, i) => ({ y, fall: 1 - m.get(y)! / m.get(years[i]!)! })).sort((a, b) => b.fall - a.fall)[0]!.y;
  };

  it('the acute trust falls most in 2021/22, the year of its LED lighting and heat pumps', () => {
    expect(biggestFall(index(ACUTE))).toBe('2021/22');
  });

  it('the council falls most in 2020/21 (an office closed, the lockdowns) and falls furthest overall', () => {
    const council = index(COUNCIL);
    expect(biggestFall(council)).toBe('2020/21');
    expect(council.get('2025/26')).toBeLessThan(index(ACUTE).get('2025/26')!);
  });

  it('the community trust, whose use is roughly flat, falls least: only as the grid gets cleaner', () => {
    const community = index(COMMUNITY).get('2025/26')!;
    expect(community).toBeGreaterThan(index(ACUTE).get('2025/26')!);
    expect(community).toBeGreaterThan(index(COUNCIL).get('2025/26')!);
  });

  it('the system\'s total in tonnes falls with its members', () => {
    const t = figureTable('system-1');
    const total = t.headers.indexOf('Total (tCO₂e)');
    expect(num(t.rows.at(-1)![total]!)).toBeLessThan(num(t.rows[0]![total]!) * 0.5);
  });
});
