import { describe, expect, it } from 'vitest';
import type { Chart } from '../../../src/render/chart/chart.js';
import { coverageGridChart } from '../../../src/render/chart/kinds/coverage-grid.js';
import { indexedLinesChart } from '../../../src/render/chart/kinds/indexed-lines.js';
import { modeShareChart } from '../../../src/render/chart/kinds/mode-share.js';
import { monthsCompareChart } from '../../../src/render/chart/kinds/months-compare.js';
import { stackedByYearChart } from '../../../src/render/chart/kinds/stacked-by-year.js';
import { topSitesChart } from '../../../src/render/chart/kinds/top-sites.js';
import { trajectoryChart } from '../../../src/render/chart/kinds/trajectory.js';
import { renderChartSvg } from '../../../src/render/chart/render-svg.js';
import { svgProblem } from '../../../src/render/html/svg-safety.js';
import { coverageSample, indexedSample, modeShareSample, monthsSample, stackedSample, topSitesSample, trajectorySample } from '../samples.js';

/** Tick and label texts drawn in the SVG, unescaped. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}

async function render(chart: Chart): Promise<string> {
  const { svg, warnings } = await renderChartSvg(chart.spec);
  expect(warnings).toEqual([]);
  expect(svgProblem(svg)).toBeUndefined();
  return svg;
}

describe('trajectory', () => {
  const chart = trajectoryChart(trajectorySample);

  it('tables every year of the reported line, the pathway and the milestone', () => {
    expect(chart.table.columns.map((c) => c.header)).toEqual(['Financial year', 'Reported (tCO₂e)', 'Net zero pathway (tCO₂e)', 'Milestone']);
    expect(chart.table.rows).toEqual([
      ['2019/20', '12,400.0', '12,400.0', ''],
      ['2020/21', '11,050.5', '', ''],
      ['2021/22', '10,980.0', '', ''],
      ['2022/23', '10,120.3', '', ''],
      ['2030/31', '', '2,480.0', '−80% (2,480.0)'],
      ['2040/41', '', '0.00', ''],
    ]);
  });

  it('draws financial-year ticks and UK-grouped tonnes', async () => {
    const t = texts(await render(chart));
    expect(t).toContain('2030/31');
    expect(t).toContain('12,000');
    expect(t).toContain('−80%');
    expect(t.some((s) => /e\+/.test(s))).toBe(false);
  });

  it('says in words what it shows', () => {
    expect(chart.description).toBe(
      'Line chart of reported emissions by financial year, from 12,400.0 tCO₂e in 2019/20 to 10,120.3 tCO₂e in 2022/23; dashed lines show Net zero pathway; marked milestones: −80% in 2030/31.',
    );
  });
});

describe('stacked by year', () => {
  const chart = stackedByYearChart(stackedSample);

  it('orders sources as the palette does and totals each year', () => {
    expect(chart.table.columns.map((c) => c.header)).toEqual(['Financial year', 'electricity (tCO₂e)', 'gas (tCO₂e)', 'fleet (tCO₂e)', 'Total (tCO₂e)']);
    expect(chart.table.rows).toEqual([
      ['2022/23', '3,000.0', '4,000.0', '500.0', '7,500.0'],
      ['2023/24', '2,500.5', '3,600.0', '', '6,100.5'],
    ]);
  });

  it('colours each source with its fixed colour', async () => {
    const svg = await render(chart);
    expect(svg).toContain('fill="#0072B2"');
    expect(svg).toContain('fill="#E69F00"');
    expect(svg).toContain('fill="#CC79A7"');
  });
});

describe('months compared', () => {
  const chart = monthsCompareChart(monthsSample);

  it('lists twelve months from April, blank where a month has no figure', () => {
    expect(chart.table.rows.map((r) => r[0])).toEqual(['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar']);
    expect(chart.table.rows[0]).toEqual(['Apr', '410', '398']);
    expect(chart.table.rows[1]).toEqual(['May', '395', '380']);
    expect(chart.table.rows[9]).toEqual(['Jan', '460', '']);
    expect(chart.table.rows[2]).toEqual(['Jun', '', '']);
  });

  it('draws every month on the axis in financial-year order', async () => {
    const t = texts(await render(chart));
    const months = t.filter((s) => /^[A-Z][a-z]{2}$/.test(s));
    expect(months).toEqual(['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar']);
  });
});

describe('top sites', () => {
  const chart = topSitesChart(topSitesSample);

  it('keeps the largest, says what it left out', () => {
    expect(chart.table.rows).toEqual([
      ['General Hospital', '6,200.0'],
      ['Community Clinic', '310.3'],
      ['Ambulance Station', '95.0'],
    ]);
    expect(chart.notes).toEqual(['1 more not shown, together 8.50 tCO₂e.']);
  });

  it('labels each bar with its figure', async () => {
    const t = texts(await render(chart));
    expect(t).toEqual(expect.arrayContaining(['General Hospital', '6,200.0', '310.3', '95.0']));
  });
});

describe('coverage grid', () => {
  const chart = coverageGridChart(coverageSample);

  it('tables the status of every source and month', () => {
    expect(chart.table.columns.map((c) => c.header)).toEqual(['Source', 'Dec 2024', 'Jan 2025', 'Feb 2025']);
    expect(chart.table.rows).toEqual([
      ['electricity', 'covered', 'estimated', 'covered'],
      ['gas', 'missing', 'covered', 'covered'],
    ]);
    expect(chart.description).toBe('Grid of 2 sources by month, Dec 2024 to Feb 2025: 4 months covered, 1 estimated (E), 1 missing (×).');
  });

  it('writes the year on the first month and on January only', async () => {
    const t = texts(await render(chart));
    expect(t).toEqual(expect.arrayContaining(['Dec 2024', 'Jan 2025', 'Feb', 'E', '×']));
    expect(t).not.toContain('Feb 2025');
  });

  it('refuses a month not written YYYY-MM', () => {
    expect(() => coverageGridChart({ rows: [{ month: '2024-13', source: 'gas', status: 'covered' }] })).toThrow(/YYYY-MM/);
  });
});

describe('mode share', () => {
  const chart = modeShareChart(modeShareSample);

  it('tables each group’s shares, car first', () => {
    expect(chart.table.columns.map((c) => c.header)).toEqual(['Group', 'car alone', 'bus', 'cycle', 'walk', 'Journeys']);
    expect(chart.table.rows).toEqual([
      ['General Hospital', '60%', '30%', '10%', '0%', '100'],
      ['Community Clinic', '75%', '0%', '0%', '25%', '20'],
    ]);
  });

  it('draws a percentage axis', async () => {
    const t = texts(await render(chart));
    expect(t).toEqual(expect.arrayContaining(['0%', '40%', '100%']));
  });
});

describe('indexed lines', () => {
  const chart = indexedLinesChart(indexedSample);

  it('divides each series by its own baseline year', () => {
    expect(chart.table.columns.map((c) => c.header)).toEqual(['Financial year', 'Acute Trust (2019/20 = 100)', 'Borough Council (2020/21 = 100)']);
    expect(chart.table.rows).toEqual([
      ['2019/20', '100', ''],
      ['2020/21', '', '100'],
      ['2021/22', '85', ''],
      ['2023/24', '75', '75'],
    ]);
  });

  it('leaves out, and says so, a series without its baseline year', () => {
    expect(chart.notes).toEqual(['Ambulance Service: no figure above zero for its baseline year 2018/19, so it is not shown.']);
  });

  it('renders cleanly', async () => {
    const t = texts(await render(chart));
    expect(t).toContain('100');
    expect(t).toContain('2021/22');
  });
});

describe('text from the data in the SVG', () => {
  it('is escaped by vega, so the SVG passes the safety check', async () => {
    const hostile = '<script>alert(1)</script>';
    const { svg } = await renderChartSvg(topSitesChart({ title: `"${hostile}`, rows: [{ name: hostile, tco2e: 1 }] }).spec);
    expect(svgProblem(svg)).toBeUndefined();
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('determinism', () => {
  it('renders the same chart to the same bytes twice', async () => {
    const a = await renderChartSvg(trajectoryChart(trajectorySample).spec);
    const b = await renderChartSvg(trajectoryChart(trajectorySample).spec);
    expect(a.svg).toBe(b.svg);
  });
});

describe('what a chart shows is what its legend lists', () => {
  it('a pathway with fewer than two points (a trend after the target year) is neither drawn nor in the legend', () => {
    const c = trajectoryChart({ actual: [{ fyStart: 2020, tco2e: 10 }, { fyStart: 2021, tco2e: 9 }], pathways: [{ name: 'Recent trend', points: [] }, { name: 'Pathway', points: [{ fyStart: 2020, tco2e: 10 }, { fyStart: 2025, tco2e: 5 }] }] });
    expect(JSON.stringify(c.spec)).not.toContain('Recent trend');
    expect(c.table.columns.map((col) => col.header)).toEqual(['Financial year', 'Reported (tCO₂e)', 'Pathway (tCO₂e)']);
  });

  it('a coverage step is a dotted rule with its label, and said in the description', async () => {
    const c = trajectoryChart({ actual: [2020, 2021, 2022].map((fyStart) => ({ fyStart, tco2e: 10 })), steps: [{ fyStart: 2022, label: '+ staff commuting' }] });
    const { svg, warnings } = await renderChartSvg(c.spec);
    expect(svg).toMatch(/<line[^>]*stroke-dasharray="2,3"/);
    expect(svg).toContain('+ staff commuting');
    expect(warnings.filter((w) => w.startsWith('error'))).toEqual([]);
    expect(c.description).toContain('+ staff commuting from 2022/23');
  });

  it('a source under 1.5% of every year is left out of the bars and the legend, named in a note, and kept in the table', () => {
    const rows = [2023, 2024].flatMap((fyStart) => [{ fyStart, category: 'Electricity', tco2e: 500 }, { fyStart, category: 'Gas', tco2e: 480 }, { fyStart, category: 'Fleet', tco2e: 5 }]);
    const c = stackedByYearChart({ rows });
    expect(JSON.stringify(c.spec)).not.toContain('Fleet');
    expect(c.notes).toEqual(['Fleet is under 1.5% of every year\'s total, too small to see in the bars: its figures are in the table.']);
    expect(c.table.columns.map((col) => col.header)).toContain('Fleet (tCO₂e)');
  });
});

describe('a calendar-year target\'s chart', () => {
  it('labels its years as the calendar years they are, never as financial years', () => {
    const c = trajectoryChart({ actual: [{ fyStart: 2024, tco2e: 10 }, { fyStart: 2025, tco2e: 9 }], years: 'calendar' });
    expect(c.table.columns[0]!.header).toBe('Calendar year');
    expect(c.table.rows.map((r) => r[0])).toEqual(['2024', '2025']);
    expect(c.description).toContain('by calendar year, from 10.0 tCO₂e in 2024 to 9.00 tCO₂e in 2025');
    expect(JSON.stringify(c.spec)).toContain('"title":"Calendar year"');
  });
});
