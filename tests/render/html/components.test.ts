import { describe, expect, it } from 'vitest';
import { accessibleSvg, dataTable, figure, noDataSection, section } from '../../../src/render/html/components.js';
import { html } from '../../../src/render/html/escape.js';
import { REPORT_CSP, renderPage } from '../../../src/render/html/page.js';
import { REPORT_CSS } from '../../../src/render/html/styles.js';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><defs><clipPath id="clip1"><rect width="5" height="5"/></clipPath></defs><g clip-path="url(#clip1)"><rect width="20" height="10"/></g></svg>';
const TABLE = { columns: [{ header: 'Year' }, { header: 'tCO₂e', numeric: true }], rows: [['2024/25', '1,234.5']] };

describe('dataTable', () => {
  it('writes row headers, numeric classes and an optional caption', () => {
    expect(dataTable(TABLE, 'Totals').toString()).toBe(
      '<table><caption>Totals</caption><thead><tr><th scope="col">Year</th><th scope="col" class="num">tCO₂e</th></tr></thead>' +
        '<tbody><tr><th scope="row">2024/25</th><td class="num">1,234.5</td></tr></tbody></table>',
    );
  });
});

describe('accessibleSvg', () => {
  it('announces the chart as one image with a title and description', () => {
    const out = accessibleSvg(SVG, 'fig-a', 'Title & more', 'Shows <things>.').toString();
    expect(out.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10" role="img" aria-label="Title &amp; more. Shows &lt;things&gt;."><title>Title &amp; more</title><desc>Shows &lt;things&gt;.</desc>')).toBe(true);
  });

  it('prefixes ids and their references with the figure id so two charts never collide', () => {
    const out = accessibleSvg(SVG, 'fig-a', 't', 'd').toString();
    expect(out).toContain('<clipPath id="fig-a-clip1">');
    expect(out).toContain('clip-path="url(#fig-a-clip1)"');
    expect(out).not.toContain('"clip1"');
  });
});

describe('figure', () => {
  const fig = figure({ id: 'fig-1', title: 'Emissions', takeaway: 'Down 28% since 2019/20.', svg: SVG, description: 'A line.', table: TABLE }).toString();

  it('has the title, the takeaway, the chart and its numbers twice: collapsed on screen, open in print', () => {
    expect(fig).toContain('<figure class="chart" id="fig-1" aria-labelledby="fig-1-title">');
    expect(fig).toContain('<h3 id="fig-1-title">Emissions</h3><p class="takeaway">Down 28% since 2019/20.</p>');
    expect(fig).toContain('role="img"');
    expect(fig).toContain('<details class="chart-data screen-only"><summary>The numbers in this chart</summary><table>');
    expect(fig).toContain('<div class="chart-data print-only"><table>');
    expect(fig.match(/<td class="num">1,234.5<\/td>/g)).toHaveLength(2);
  });

  it('refuses an id that could not be used in a selector or url(#…)', () => {
    expect(() => figure({ id: 'Fig 1', title: 't', takeaway: 't', svg: SVG, description: 'd', table: TABLE })).toThrow(/not a usable element id/);
  });

  it('refuses an SVG with script in it', () => {
    expect(() => figure({ id: 'f', title: 't', takeaway: 't', svg: '<svg><script>alert(1)</script></svg>', description: 'd', table: TABLE })).toThrow(/refusing to embed/);
  });
});

describe('sections', () => {
  it('a section has a heading and its body', () => {
    expect(section({ id: 'energy', title: 'Energy & water', body: html`<p>x</p>` }).toString()).toBe('<section class="report-section" id="energy"><h2>Energy &amp; water</h2>\n<p>x</p>\n</section>');
  });

  it('a section with no data is one line saying why', () => {
    expect(noDataSection('Water', 'No water bills for 2024/25.').toString()).toBe('<section class="report-section no-data"><h2>Water</h2><p class="no-data">No water bills for 2024/25.</p></section>');
  });
});

describe('renderPage', () => {
  const page = renderPage({ title: 'Board <report>', subtitle: 'Trust, 2024/25', body: html`<p>body</p>` });

  it('is a complete document with charset first in the head, language and an escaped title', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(page).toContain('<title>Board &lt;report&gt;</title>');
    expect(page).toContain('<h1>Board &lt;report&gt;</h1><p class="subtitle">Trust, 2024/25</p>');
  });

  it('forbids every remote load and every script by Content-Security-Policy', () => {
    expect(REPORT_CSP).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src data:; style-src &#39;unsafe-inline&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;">`);
    expect(page).not.toMatch(/<script|<link|src="http/);
  });

  it('prints on A4: the summary on pages of its own, the appendix on new pages, figures unbroken, chart tables only when asked', () => {
    expect(page).toContain(REPORT_CSS);
    expect(REPORT_CSS).toContain('@page { size: A4;');
    expect(REPORT_CSS).toContain('section#summary + section.report-section, section.appendix { break-before: page; }');
    expect(REPORT_CSS).toContain('figure.chart, tr { break-inside: avoid; }');
    expect(REPORT_CSS).toMatch(/@media print \{[^@]*\.screen-only \{ display: none; \}[^@]*\.print-only \{ display: block; \}[^@]*\.chart-data\.print-only \{ display: none; \}[^@]*body\.print-tables \.chart-data\.print-only \{ display: block; \}/);
    expect(page).toContain('<body>');
    expect(renderPage({ title: 't', body: html`<p>b</p>`, printTables: true })).toContain('<body class="print-tables">');
  });

  it('is the same bytes for the same input (no timestamp)', () => {
    expect(renderPage({ title: 'Board <report>', subtitle: 'Trust, 2024/25', body: html`<p>body</p>` })).toBe(page);
  });
});
