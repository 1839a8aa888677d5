/**
 * Every text a report shows from data (site, organisation, source, mode and target names, series
 * and category names, table cells, takeaways, titles, descriptions) is fuzzed with hostile
 * strings through every chart builder, every HTML component and the board report's sections.
 * The checks read the output as text, without an HTML parser, so they cannot share a parser's
 * forgiveness: every `<` in the output must open an allow-listed element with well-formed quoted
 * attributes, no attribute may be an event handler or a `javascript:` link, and an injected tag
 * never appears verbatim. Seeds are fixed, so a failure reproduces.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../src/aggregate/group.js';
import type { Chart } from '../../src/render/chart/chart.js';
import { coverageGridChart, type CoverageStatus } from '../../src/render/chart/kinds/coverage-grid.js';
import { indexedLinesChart } from '../../src/render/chart/kinds/indexed-lines.js';
import { modeShareChart } from '../../src/render/chart/kinds/mode-share.js';
import { monthsCompareChart } from '../../src/render/chart/kinds/months-compare.js';
import { stackedByYearChart } from '../../src/render/chart/kinds/stacked-by-year.js';
import { topSitesChart } from '../../src/render/chart/kinds/top-sites.js';
import { trajectoryChart } from '../../src/render/chart/kinds/trajectory.js';
import { renderChartSvg } from '../../src/render/chart/render-svg.js';
import { dataTable, figure, noDataSection, section } from '../../src/render/html/components.js';
import { html } from '../../src/render/html/escape.js';
import { renderPage } from '../../src/render/html/page.js';
import { svgProblem, trustedSvg } from '../../src/render/html/svg-safety.js';
import type { BoardData } from '../../src/report/board/data.js';
import { coverSection, emissionsSection, energySection, factorsAppendix, fleetSection, methodSection, qualitySection, summarySection, trajectorySection } from '../../src/report/board/sections.js';
import { travelSection } from '../../src/report/board/travel-section.js';
import type { TravelWithTargets } from '../../src/targets/car-share-targets.js';
import { ConfigSchema } from '../../src/workspace/config.js';

const SEED = 20_250_611;

/** Payloads that must never reach a page as markup; none of them occurs in a page by itself. */
const TAG_PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '</svg><script>', '<!--', "'><svg onload=alert(1)>", '<a href="javascript:alert(1)">x</a>', '</title><script>x</script>', '<style>*{}</style>'];
const OTHER_PAYLOADS = [
  'javascript:alert(1)', '&lt;script&gt;', '&amp;', ']]>', '{{constructor}}', '${process.exit()}', '"\'`‘’“”«»', '\u0000\u0001\u0007\u001b[31m\u007f\u0085',
  '\ud800', '\udfff lone', 'RTL \u202eevil\u202c', '\u200b\ufeff', '🏥🚲👩🏽‍⚕️', 'x'.repeat(5000), 'datum.value', 'Car share', 'electricity',
];

/** Hostile text: a payload with junk either side, or arbitrary code points (lone surrogates included). */
const hostile: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.string({ maxLength: 4 }), fc.constantFrom(...TAG_PAYLOADS, ...OTHER_PAYLOADS), fc.string({ maxLength: 4 })).map(([a, p, b]) => a + p + b),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
  fc.string({ unit: fc.constantFrom('<', '>', '"', "'", '&', '/', '=', ' ', 'a', ';', '\u202e', '\ud800'), minLength: 1, maxLength: 20 }),
);

/** A few distinct hostile names, as a chart with several series or rows would have. */
const hostileNames = (min: number, max: number): fc.Arbitrary<string[]> => fc.uniqueArray(hostile, { minLength: min, maxLength: max });

const SVG_ELEMENTS = ['svg', 'g', 'path', 'rect', 'line', 'circle', 'ellipse', 'polygon', 'polyline', 'text', 'tspan', 'title', 'desc', 'defs', 'clipPath', 'linearGradient', 'radialGradient', 'stop', 'pattern'];
const HTML_ELEMENTS = ['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'main', 'h1', 'h2', 'h3', 'h4', 'p', 'section', 'figure', 'figcaption', 'details', 'summary', 'div', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'ol', 'li', 'code'];
const ELEMENTS = new Set([...SVG_ELEMENTS, ...HTML_ELEMENTS]);
const TAG = /^<\/?([A-Za-z][\w:-]*)((?:\s+[A-Za-z_:][\w:.-]*(?:="[^"<>]*")?)*)\s*\/?>$/;
const ATTRIBUTE = /\s+([A-Za-z_:][\w:.-]*)(?:="([^"<>]*)")?/g;

/**
 * Why `out` is not a safe page fragment, or undefined. `inputs` are the texts fed in: any of them
 * carrying a tag payload must not appear verbatim.
 */
function unsafe(out: string, inputs: readonly string[]): string | undefined {
  if (/<script/i.test(out)) return 'has <script';
  if (/<img/i.test(out)) return 'has <img';
  // The page's own style sheet is a constant; its child selectors use `>`.
  const body = out.replace(/<style>[^<]*<\/style>/, '<style></style>').replace(/^<!doctype html>/, '');
  for (const token of body.split(/(<[^>]*>)/)) {
    if (token === '') continue;
    if (!token.startsWith('<')) {
      if (/[<>]/.test(token)) return `angle bracket in text: ${token.slice(0, 60)}`;
      continue;
    }
    const m = TAG.exec(token);
    if (!m) return `malformed tag: ${token.slice(0, 80)}`;
    if (!ELEMENTS.has(m[1]!)) return `element <${m[1]!}> not expected`;
    for (const [, name, value] of (m[2] ?? '').matchAll(ATTRIBUTE)) {
      if (/^on[a-z]+$/i.test(name!)) return `event attribute ${name!}`;
      // Browsers drop control characters and spaces from URLs before reading the scheme.
      const url = Array.from(value ?? '', (c) => (c.charCodeAt(0) > 0x20 ? c : '')).join('');
      if (/^(?:xlink:)?(?:href|src)$/i.test(name!) && /^javascript:/i.test(url)) return `javascript: URL in ${name!}`;
    }
  }
  for (const s of inputs) {
    if (TAG_PAYLOADS.some((p) => s.includes(p)) && out.includes(s)) return `input appears verbatim: ${s.slice(0, 60)}`;
  }
  return undefined;
}

function expectSafe(out: string, inputs: readonly string[]): void {
  expect(unsafe(out, inputs), out.slice(0, 200)).toBeUndefined();
}

describe('the checker itself', () => {
  it('flags what it is meant to flag and passes plain markup', () => {
    expect(unsafe('<p>ok &lt;script&gt;</p>', [])).toBeUndefined();
    expect(unsafe('<p aria-label="a onerror=x">b</p>', [])).toBeUndefined();
    expect(unsafe('<p>a<script>x</script></p>', [])).toBe('has <script');
    expect(unsafe('<p onclick="x">b</p>', [])).toBe('event attribute onclick');
    expect(unsafe('<p>x<b>y</b></p>', [])).toBe('element <b> not expected');
    expect(unsafe('<p>"><p>', [])).toMatch(/^angle bracket in text/);
    expect(unsafe('<svg><a xlink:href=" javascript:x"></a></svg>', [])).toBe('element <a> not expected');
    expect(unsafe('<svg><g xlink:href="javascript:x"></g></svg>', [])).toBe('javascript: URL in xlink:href');
    expect(unsafe('<svg><g href=" java\tscript:x"></g></svg>', [])).toBe('javascript: URL in href');
    expect(unsafe('<p title="x" "y">z</p>', [])).toMatch(/^malformed tag/);
    expect(unsafe('<p>a > b</p>', [])).toMatch(/^angle bracket in text/);
    expect(unsafe('<p>x<!--y</p>', ['x<!--y'])).toMatch(/^malformed tag|^input appears verbatim/);
  });
});

/** A chart SVG that `trustedSvg` accepts, for components fuzzed without vega. */
const PLAIN_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs><clipPath id="c"><rect width="1" height="1"></rect></clipPath></defs><g clip-path="url(#c)"><text>1</text></g></svg>';

describe('components with hostile text', () => {
  it('dataTable, figure, section, noDataSection and the page shell escape every text', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, fc.array(fc.array(hostile, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), (title, takeaway, description, header, rows) => {
        const inputs = [title, takeaway, description, header, ...rows.flat()];
        const table = { columns: [{ header }, { header: title, numeric: true }, { header: takeaway }], rows };
        const fig = figure({ id: 'fig-1', title, takeaway, svg: PLAIN_SVG, description, table, tableLabel: header });
        const sec = section({ id: 'one', title, body: html`${fig}${dataTable(table, description)}` });
        const page = renderPage({ title, subtitle: takeaway, lang: description, body: html`${sec}${noDataSection(header, description)}` });
        expectSafe(page, inputs);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('already-escaped text is escaped again, so a reader sees it as typed', () => {
    const out = section({ title: '&lt;b&gt; Tom &amp; Jerry', body: dataTable({ columns: [{ header: '&quot;' }], rows: [['&#39;']] }) }).toString();
    expect(out).toContain('<h2>&amp;lt;b&amp;gt; Tom &amp;amp; Jerry</h2>');
    expect(out).toContain('<th scope="col">&amp;quot;</th>');
    expect(out).toContain('<th scope="row">&amp;#39;</th>');
  });
});

/** Renders a chart and places it in a figure, as a report does; returns the figure's markup. */
async function renderedFigure(chart: Chart, title: string, takeaway: string): Promise<string> {
  const { svg } = await renderChartSvg(chart.spec);
  expect(svgProblem(svg)).toBeUndefined();
  expect(() => trustedSvg(svg)).not.toThrow();
  return html`${figure({ id: 'fuzz', title, takeaway, svg, description: chart.description, table: chart.table })}<p>${chart.notes.join(' ')}</p>`.toString();
}

/** Each chart kind, built from hostile names; every run renders once (vega takes ~50 ms a chart). */
const CHART_RUNS = 5;
const STATUSES: readonly CoverageStatus[] = ['covered', 'estimated', 'missing'];

const chartCases: readonly { readonly name: string; readonly build: fc.Arbitrary<{ chart: Chart; inputs: string[] }> }[] = [
  {
    name: 'trajectory',
    build: fc.tuple(hostile, hostile, hostileNames(1, 3), hostileNames(1, 2)).map(([title, actualName, pathwayNames, labels]) => ({
      chart: trajectoryChart({
        title, actualName,
        actual: [{ fyStart: 2020, tco2e: 100 }, { fyStart: 2021, tco2e: 90 }],
        pathways: pathwayNames.map((name, i) => ({ name, points: [{ fyStart: 2020, tco2e: 100 - i }, { fyStart: 2030, tco2e: 10 }] })),
        milestones: labels.map((label, i) => ({ fyStart: 2025 + i, tco2e: 50, label })),
      }),
      inputs: [title, actualName, ...pathwayNames, ...labels],
    })),
  },
  {
    name: 'stacked-by-year',
    build: fc.tuple(hostile, hostile, hostileNames(1, 4)).map(([title, categoryTitle, categories]) => ({
      chart: stackedByYearChart({ title, categoryTitle, rows: categories.flatMap((category, i) => [{ fyStart: 2023, category, tco2e: 5 + i }, { fyStart: 2024, category, tco2e: 4 + i }]) }),
      inputs: [title, categoryTitle, ...categories],
    })),
  },
  {
    name: 'months-compare',
    build: fc.tuple(hostile, hostileNames(2, 2), hostile).map(([title, [a, b], unit]) => ({
      chart: monthsCompareChart({ title, unit, current: { label: a!, months: [{ month: 4, quantity: 3 }] }, previous: { label: b!, months: [{ month: 4, quantity: 4 }, { month: 5, quantity: 2 }] } }),
      inputs: [title, a!, b!, unit],
    })),
  },
  {
    name: 'top-sites',
    build: fc.tuple(hostile, hostile, hostileNames(1, 12)).map(([title, nameTitle, names]) => ({
      chart: topSitesChart({ title, nameTitle, rows: names.map((name, i) => ({ name, tco2e: 12 - i })) }),
      inputs: [title, nameTitle, ...names],
    })),
  },
  {
    name: 'coverage-grid',
    build: fc.tuple(hostile, hostileNames(1, 4)).map(([title, sources]) => ({
      chart: coverageGridChart({ title, rows: sources.flatMap((source, i) => ['2024-04', '2024-05'].map((month, j) => ({ source, month, status: STATUSES[(i + j) % 3]! }))) }),
      inputs: [title, ...sources],
    })),
  },
  {
    name: 'mode-share',
    build: fc.tuple(hostile, hostileNames(1, 3), hostileNames(1, 4)).map(([title, groups, modes]) => ({
      chart: modeShareChart({ title, rows: groups.flatMap((group) => modes.map((mode, i) => ({ group, mode, journeys: i + 1 }))) }),
      inputs: [title, ...groups, ...modes],
    })),
  },
  {
    name: 'indexed-lines',
    build: fc.tuple(hostile, hostileNames(2, 3)).map(([title, names]) => ({
      // The last series has no baseline figure, so its name goes through the notes too.
      chart: indexedLinesChart({ title, series: names.map((name, i) => ({ name, baselineFyStart: 2020, points: i === names.length - 1 ? [{ fyStart: 2021, tco2e: 3 }] : [{ fyStart: 2020, tco2e: 10 + i }, { fyStart: 2021, tco2e: 9 }] })) }),
      inputs: [title, ...names],
    })),
  },
];

describe('chart builders with hostile names', () => {
  for (const c of chartCases) {
    it(`${c.name}: renders, passes trustedSvg and leaves no markup from the data`, async () => {
      await fc.assert(
        fc.asyncProperty(c.build, hostile, async ({ chart, inputs }, takeaway) => {
          const out = await renderedFigure(chart, inputs[0]!, takeaway);
          expectSafe(out, [...inputs, takeaway]);
        }),
        { seed: SEED, numRuns: CHART_RUNS },
      );
    });
  }
});

describe('trustedSvg and text that looks like a link', () => {
  it('accepts a chart whose title mentions javascript: or url(, and still refuses them where they act', async () => {
    // vega writes the title into an aria-label; the words are read out, never followed.
    const { svg } = await renderChartSvg(topSitesChart({ title: 'javascript:alert(1) url(http://x)', rows: [{ name: 'A', tco2e: 1 }] }).spec);
    expect(svg).toContain('aria-label="Title text \'javascript:alert(1) url(http://x)\'"');
    expect(() => trustedSvg(svg)).not.toThrow();
    expect(svgProblem('<svg><g fill="url(http://x)"></g></svg>')).toBe('attribute fill refers outside the chart');
    expect(svgProblem('<svg><g style="background:javascript:x"></g></svg>')).toBe('attribute style refers outside the chart');
    expect(svgProblem('<svg><g aria-label="x" onclick="y"></g></svg>')).toBe('event attribute onclick is not allowed');
  });
});

const BASE_ORG = ConfigSchema.parse({ version: 1, organisations: [{ id: 'fuzz', name: 'Fuzz', kind: 'council' }] }).organisations[0]!;

/** A travel report whose sites, waves, sources and target names are hostile: patient travel, site shares and a target. */
function travelOf(at: (i: number) => string): TravelWithTargets {
  const none = { lines: 0, km: 0, kgCo2e: 0, wttKgCo2e: 0, tdKgCo2e: 0 };
  const est = { pct: 62.5, lowPct: 50, highPct: 74, respondents: 40, effectiveN: 38, wave: at(44) };
  const share = {
    site: at(45), siteId: 'main', year: '2024/25', startYear: 2024, staff: est, patientsVisitors: { ...est, pct: 70 }, all: null, staffJourneys: 1000, patientVisitorJourneys: null,
    allMissing: at(46), avoidedJourneys: 200, patientsVisitorsWithoutAvoidedPct: 70.2, allWithoutAvoidedPct: null,
    byMode: [{ who: 'staff' as const, mode: at(47), journeys: 30 }, { who: 'patients-visitors' as const, mode: 'bus', journeys: 10 }],
  };
  const row = { year: '2024/25', startYear: 2024, requiredPct: 60, actual: est, status: 'at-risk' as const, intervalMeetsPathway: true };
  return {
    org: at(48), orgKind: 'nhs-trust', period: { start: '2024-04-01', end: '2025-03-31' }, policy: 'financial-year', workingWeeks: 46,
    commuting: { kgCo2e: 0, wttKgCo2e: 0, tdKgCo2e: 0, waves: [], lines: [] },
    modeShare: { waves: [], changes: [] },
    businessTravel: { ...none, greyFleet: none, moneyDerived: { lines: 0, sharePct: null, km: 0, kmSharePct: null }, modes: [] },
    avoided: { kgCo2e: 0, wttKgCo2e: 0, entries: [] },
    patientTravel: { kgCo2e: 5000, wttKgCo2e: 900, years: [{ year: '2024/25', startYear: 2024, method: 'survey', wave: at(49), carriedFrom: null, contacts: 1000, contactsSource: at(50), journeys: 3700, km: 50_000, kgCo2e: 5000, wttKgCo2e: 900, groups: [], modes: [], lines: [] }] },
    siteShares: [share],
    carShareTargets: [{ id: 'car', name: at(51), sites: [at(45)], who: 'all', baselineYear: '2023/24', baselinePct: 70, baselineFrom: 'config', targetYear: '2030/31', targetPct: 50, rows: [row], headline: row, trendPpPerYear: -2, trendReaches: '2031/32', problems: [] }],
    warnings: [],
  };
}

/** A board with every list filled from hostile names; figures are plain, only the words are hostile. */
function boardData(n: readonly string[]): BoardData {
  const at = (i: number): string => n[i % n.length]!;
  const total = aggregate([], {}).total;
  const current = { ...total, kgCo2e: 120_000, tierLabel: at(0), policies: [at(1)] };
  const previous = { ...total, kgCo2e: 150_000 };
  return {
    org: { ...BASE_ORG, name: at(2) },
    members: ['fuzz', at(3)],
    fyStart: 2024,
    period: '2024/25',
    generated: at(4),
    toolVersion: at(5),
    years: [{ fyStart: 2023, tco2e: 150, marketTco2e: null }, { fyStart: 2024, tco2e: 120, marketTco2e: null }],
    current,
    previous,
    // Steps in coverage name sites and kinds of data: hostile words in the summary's sentences too.
    yearOnYear: {
      fromTco2e: 150, toTco2e: 120, likeChangeTco2e: -25, likeFromTco2e: 140, coverageTco2e: -5,
      steps: [{ group: at(40), sites: [at(41)], surveyChanged: false }],
      byGroup: [{ group: at(42), likeChangeTco2e: -25 }],
      coverageByGroup: [{ step: { group: at(40), sites: [at(41)], surveyChanged: false }, tco2e: -5 }],
    },
    movements: [
      { group: at(42), changeTco2e: -25, kind: 'emissions', step: null, why: { unit: at(43), quantityChange: -0.1, perUnitChange: -0.05 } },
      { group: at(40), changeTco2e: -5, kind: 'coverage', step: { group: at(40), sites: [at(41)], surveyChanged: false }, why: null },
    ],
    baseline: { fyStart: 2023, tco2e: 150, marketTco2e: null },
    intensity: [{ metric: 'staffWte', denominator: 100, kgCo2ePerUnit: 1200 }],
    targets: [],
    targetProblems: [at(6)],
    bySourceYear: [2023, 2024].flatMap((fyStart) => [at(7), at(8), 'electricity'].map((category, i) => ({ fyStart, category, tco2e: 10 * (i + 1) + fyStart - 2023 }))),
    byScope: [{ scope: at(9), tco2e: 80 }, { scope: 'Scope 2', tco2e: 40 }],
    months: { current: [{ month: 4, quantity: 10 }, { month: 5, quantity: 9 }], previous: [{ month: 4, quantity: 11 }, { month: 5, quantity: 8 }] },
    energy: [{ source: at(10), unit: at(11), current: 1000, previous: 900 }, { source: 'gas', unit: 'kWh', current: 500, previous: null }],
    sites: [{ site: at(12), tco2e: 60, previous: 70 }, { site: at(13), tco2e: 20, previous: null }, { site: at(14), tco2e: 10, previous: 5 }],
    fleet: { rows: [{ source: `fleet:${at(15)}`, unit: at(16), quantity: 300, tco2e: 2 }], electricKmShare: 0.25 },
    travel: [travelOf(at)],
    baselineLikeForLike: { fyStart: 2023, tco2e: 140, marketTco2e: null },
    currentLikeForLike: 110,
    baselineLeftOut: [at(17)],
    baselineMethodChanged: [at(52)],
    coverage: [{
      org: 'fuzz', site: at(18), source: at(19), year: '2024/25',
      months: [{ month: '2024-04', days: 30, daysInMonth: 30, estimated: true, filled: false }, { month: '2024-05', days: 3, daysInMonth: 31, estimated: false, filled: false }],
      monthsCovered: 1, monthsFilled: 0, missingMonths: [at(20)], estimatedShareByUnit: {}, estimatedOrMissingShare: 0.5, tier: 2, tierLabel: at(21),
    }],
    estimatedShare: 0.2,
    tier: 2,
    tierLabel: at(22),
    rejected: [{ batchId: 1, fileName: at(23), rows: 2, problems: [{ line: 3, column: at(24), code: 'bad', message: at(25) }] }],
    factors: [{ key: at(26), year: 2024, edition: at(27), unit: at(28), kgPerUnit: 0.2, custom: false, labels: { scope: at(29), level1: at(30), level2: at(31), level3: '', level4: '', columnText: at(32), uom: at(33) }, lines: 4 }],
    factorSets: [at(34)],
    policies: [at(35)],
    warnings: [at(36), at(37)],
    // A partial view puts its reasons in the headline and the cover: hostile words there too.
    partial: [at(38), at(39)],
  };
}

describe('board sections with hostile data', () => {
  it('every section escapes every name, and its charts pass trustedSvg', async () => {
    await fc.assert(
      fc.asyncProperty(hostileNames(5, 53), async (names) => {
        const d = boardData(names);
        const parts = [
          coverSection(d), await summarySection(d), await summarySection({ ...d, partial: [] }), await trajectorySection(d), await emissionsSection(d), await energySection(d),
          fleetSection(d), await travelSection(d), await qualitySection(d), methodSection(d), factorsAppendix(d),
        ];
        const page = renderPage({ title: `${d.org.name}: carbon report ${d.period}`, body: html`${parts}` });
        expectSafe(page, names);
        // The data reached the page: the organisation's name, escaped, is in the cover table.
        expect(page).toContain('<th scope="row">Organisation</th>');
      }),
      { seed: SEED, numRuns: 4 },
    );
  });
});
