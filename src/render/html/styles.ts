/**
 * The report's only stylesheet, inlined in every page (the Content-Security-Policy forbids
 * anything fetched). Screen first, with an A4 print layout: the board summary on pages of its
 * own, then the sections one after another (a page each would leave pages holding a line),
 * figures never split, and the appendix on new pages. The tables of numbers that hide in
 * `<details>` on screen are left out on paper unless the report was made to print them
 * (`body.print-tables`).
 */

// Chromium cannot print a closed <details> open without script, so each figure carries its
// table twice: once in <details> for the screen, once plain for print (`.print-only`).
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 11pt; line-height: 1.45; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.8rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 0.5rem; border-bottom: 2px solid #0072B2; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin: 0 0 0.2rem; }
p.subtitle { margin: 0 0 1.5rem; color: #444; }
figure.chart { margin: 1.25rem 0 1.75rem; }
figure.chart figcaption { margin-bottom: 0.5rem; }
figure.chart p.takeaway { margin: 0; color: #333; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
details.chart-data { margin-top: 0.4rem; }
details.chart-data > summary { cursor: pointer; color: #0a5a8c; }
table { border-collapse: collapse; margin-top: 0.4rem; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.25rem; }
th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #999; }
td.num, th.num { text-align: right; }
section.no-data p.no-data { color: #555; font-style: italic; }
.print-only { display: none; }
@page { size: A4; margin: 18mm 16mm 20mm; }
ol.movements li, ul.verdicts li { margin-bottom: 0.25rem; }
section.appendix table { width: 100%; table-layout: fixed; }
section.appendix th:nth-child(1) { width: 24%; } section.appendix th:nth-child(2) { width: 7%; } section.appendix th:nth-child(3) { width: 10%; }
section.appendix th:nth-child(4) { width: 33%; } section.appendix th:nth-child(5) { width: 10%; } section.appendix th:nth-child(6) { width: 10%; } section.appendix th:nth-child(7) { width: 6%; }
section.appendix th, section.appendix td { overflow-wrap: anywhere; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .screen-only { display: none; }
  .print-only { display: block; }
  .chart-data.print-only { display: none; }
  body.print-tables .chart-data.print-only { display: block; }
  h2 { margin-top: 1.2rem; }
  figure.chart { margin: 0.6rem 0 0.9rem; }
  section#summary + section.report-section, section.appendix { break-before: page; }
  section.appendix table { font-size: 8.5pt; }
  figure.chart, tr { break-inside: avoid; }
  h2, h3, figcaption { break-after: avoid; }
}
`;
