import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Chart } from '../../src/render/chart/chart.js';
import { monthsCompareChart } from '../../src/render/chart/kinds/months-compare.js';
import { stackedByYearChart } from '../../src/render/chart/kinds/stacked-by-year.js';
import { topSitesChart } from '../../src/render/chart/kinds/top-sites.js';
import { trajectoryChart } from '../../src/render/chart/kinds/trajectory.js';
import { renderChartSvg } from '../../src/render/chart/render-svg.js';
import { figure, noDataSection, section } from '../../src/render/html/components.js';
import { html } from '../../src/render/html/escape.js';
import { renderPage } from '../../src/render/html/page.js';
import type { PageGlobals } from './browser.js';
import { checkInBrowser } from './browser.js';
import { monthsSample, stackedSample, trajectorySample } from './samples.js';

// Starting Chromium and printing a PDF takes several seconds on a busy two-core machine.
const BROWSER_TIMEOUT_MS = 90_000;

async function chartFigure(id: string, title: string, takeaway: string, chart: Chart): Promise<ReturnType<typeof figure>> {
  const { svg } = await renderChartSvg(chart.spec);
  return figure({ id, title, takeaway, svg, description: chart.description, table: chart.table });
}

function pageFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tco2e-page-')), name);
  writeFileSync(path, content);
  return path;
}

describe('a sample report in the browser', () => {
  it('loads nothing but itself, logs no error, draws every chart and prints to A4', async () => {
    const body = html`${section({
      title: 'Where we are',
      body: html`${await chartFigure('trajectory', 'Against the pathway', 'Emissions fell 18% from 2019/20 to 2022/23.', trajectoryChart(trajectorySample))}
${await chartFigure('by-source', 'By source', 'Gas is the largest source.', stackedByYearChart(stackedSample))}`,
    })}
${section({ title: 'This year', body: await chartFigure('months', 'Electricity by month', 'April and May were below last year.', monthsCompareChart(monthsSample)) })}
${noDataSection('Water', 'No water bills were loaded for 2024/25.')}`;
    const path = pageFile('sample-report.html', renderPage({ title: 'Sample report', subtitle: 'Test Trust, 2024/25', body }));

    const result = await checkInBrowser(path);

    expect(result.consoleErrors).toEqual([]);
    expect(result.dialogs).toEqual([]);
    expect(result.requests).toEqual([`file://${path}`]);
    expect(result.svgSizes).toHaveLength(3);
    for (const size of result.svgSizes) {
      expect(size.width).toBeGreaterThan(0);
      expect(size.height).toBeGreaterThan(0);
    }
    // Two sections, the second on its own page; the no-data section follows on the same page.
    expect(result.pdfPages).toBeGreaterThanOrEqual(2);
    expect(result.pdfBytes).toBeGreaterThan(1000);
  }, BROWSER_TIMEOUT_MS);
});

describe('hostile text from the data', () => {
  const SCRIPT = '<script>alert(1)</script>';
  const IMG = '"><img src=x onerror=alert(1)>';

  it('shows site names, titles, labels and table cells as text, and runs nothing', async () => {
    const sites = topSitesChart({ title: `${SCRIPT} ${IMG}`, nameTitle: IMG, rows: [{ name: SCRIPT, tco2e: 120 }, { name: IMG, tco2e: 80 }] });
    const trajectory = trajectoryChart({
      title: IMG,
      actualName: SCRIPT,
      actual: [{ fyStart: 2022, tco2e: 100 }, { fyStart: 2023, tco2e: 90 }],
      pathways: [{ name: IMG, points: [{ fyStart: 2022, tco2e: 100 }, { fyStart: 2030, tco2e: 20 }] }],
      milestones: [{ fyStart: 2030, tco2e: 20, label: SCRIPT }],
    });
    const figures = [await chartFigure('sites', SCRIPT, IMG, sites), await chartFigure('trajectory', IMG, SCRIPT, trajectory)];
    const path = pageFile('hostile.html', renderPage({ title: SCRIPT, subtitle: IMG, body: section({ title: IMG, body: html`${figures}${noDataSection(SCRIPT, IMG)}` }) }));

    const result = await checkInBrowser(path, {
      probe: (page) =>
        page.evaluate(() => {
          const document = (globalThis as unknown as PageGlobals).document;
          return {
          scripts: document.querySelectorAll('script').length,
          images: document.querySelectorAll('img, image, foreignObject').length,
          svgTexts: [...document.querySelectorAll('svg text')].map((t) => t.textContent),
          cells: [...document.querySelectorAll('details table th[scope="row"]')].map((t) => t.textContent),
          takeaways: [...document.querySelectorAll('p.takeaway')].map((p) => p.textContent),
          title: document.title,
          ariaLabels: [...document.querySelectorAll('svg[role="img"]')].map((s) => s.getAttribute('aria-label')),
          };
        }),
    });

    expect(result.dialogs).toEqual([]);
    expect(result.consoleErrors).toEqual([]);
    expect(result.requests).toEqual([`file://${path}`]);
    expect(result.probe.scripts).toBe(0);
    expect(result.probe.images).toBe(0);
    expect(result.probe.title).toBe(SCRIPT);
    expect(result.probe.takeaways).toEqual([IMG, SCRIPT]);
    // Chart title, axis labels (site names), legend, and the milestone's data label, as text.
    expect(result.probe.svgTexts).toEqual(expect.arrayContaining([`${SCRIPT} ${IMG}`, SCRIPT, IMG]));
    expect(result.probe.svgTexts.filter((t) => t === SCRIPT).length).toBeGreaterThanOrEqual(3);
    expect(result.probe.cells).toEqual(expect.arrayContaining([SCRIPT, IMG]));
    expect(result.probe.ariaLabels[0]).toBe(`${SCRIPT}. ${sites.description}`);
  }, BROWSER_TIMEOUT_MS);
});
