/**
 * A SECR disclosure as an HTML fragment, for a web page or a report template. Built only with
 * the escaping `html` toolkit: no text from the config or the data reaches the markup unescaped.
 */

import { financialYearLabel } from '../../convert/policy.js';
import { financialYearStart } from '../../aggregate/periods.js';
import { dataTable, section } from '../../render/html/components.js';
import { html, type Html } from '../../render/html/escape.js';
import { figureCells, yearHeadings } from './cells.js';
import type { SecrDisclosure } from './disclosure.js';
import { secrFigures, type SecrFigure, type SecrSection } from './figures.js';
import { secrMsg } from './secr-text.js';
import { methodologyBlocks, qualityBlocks, type StatementBlock } from './statement.js';

function table(headings: readonly string[], rows: readonly SecrFigure[], caption?: string): Html {
  return dataTable({
    columns: headings.map((header, i) => ({ header, numeric: i === 1 || i === 2 })),
    rows: rows.map(figureCells),
  }, caption);
}

function blocks(list: readonly StatementBlock[]): Html[] {
  return list.map((b) => html`<p>${b.text}</p>${b.items && b.items.length > 0 ? html`<ul>${b.items.map((i) => html`<li>${i}</li>`)}</ul>` : null}`);
}

export function secrHtml(d: SecrDisclosure): string {
  const figures = secrFigures(d);
  const of = (...sections: SecrSection[]): SecrFigure[] => figures.filter((f) => sections.includes(f.section));
  const previous = financialYearLabel(financialYearStart(d.thisYear.label) - 1);
  const headings = yearHeadings(d.thisYear.label, previous, d.previousYear !== null);
  const notInKwh = of('energy_not_in_kwh');
  const fragment = html`<article class="secr-disclosure">
<h1>${secrMsg.title(d.org.name, d.thisYear.label)}</h1>
${section({ id: 'secr-energy', title: 'UK energy use', body: html`${table(headings, of('energy'))}${notInKwh.length > 0 ? html`<p>${secrMsg.notInKwh}</p>${table(headings, notInKwh)}` : null}` })}
${section({ id: 'secr-emissions', title: 'Greenhouse gas emissions', body: table(headings, of('emissions')) })}
${section({ id: 'secr-intensity', title: 'Intensity ratios', body: table(headings, of('intensity')) })}
${section({ id: 'secr-methodology', title: 'Methodology', body: html`${blocks(methodologyBlocks(d))}` })}
${section({ id: 'secr-quality', title: 'Data quality', body: html`${table(headings, of('quality'))}${blocks(qualityBlocks(d))}` })}
${section({ id: 'secr-efficiency', title: secrMsg.efficiencyHeading, body: html`<dl class="to-complete"><dt>Principal measures taken in ${d.thisYear.label}</dt><dd><strong>[${secrMsg.efficiencyField}]</strong></dd></dl><p>${secrMsg.efficiencyPrompt}</p>` })}
</article>
`;
  return fragment.toString();
}
