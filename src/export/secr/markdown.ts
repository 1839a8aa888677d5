/**
 * A SECR disclosure as Markdown, for pasting into an annual report draft. Every piece of text
 * from the config or the data (names, sites, sources) is escaped: a name cannot start a heading,
 * break a table, or smuggle raw HTML through a Markdown renderer.
 */

import { financialYearLabel } from '../../convert/policy.js';
import { financialYearStart } from '../../aggregate/periods.js';
import { figureCells, yearHeadings } from './cells.js';
import type { SecrDisclosure } from './disclosure.js';
import { secrFigures, type SecrFigure, type SecrSection } from './figures.js';
import { secrMsg } from './secr-text.js';
import { methodologyBlocks, qualityBlocks, type StatementBlock } from './statement.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Text safe in a Markdown paragraph or table cell. */
export function mdText(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => ENTITIES[c]!)
    .replace(/[\\`*_[\]#|!{}~]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');
}

function table(headings: readonly string[], rows: readonly SecrFigure[]): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [
    line(headings.map(mdText)),
    '| --- | ---: | ---: | --- |',
    ...rows.map((f) => {
      const cells = figureCells(f).map(mdText);
      return line(f.total ? cells.map((c, i) => (i < 3 ? `**${c}**` : c)) : cells);
    }),
  ];
}

function blocks(list: readonly StatementBlock[]): string[] {
  return list.flatMap((b) => [mdText(b.text), ...(b.items && b.items.length > 0 ? ['', ...b.items.map((i) => `- ${mdText(i)}`)] : []), '']);
}

export function secrMarkdown(d: SecrDisclosure): string {
  const figures = secrFigures(d);
  const of = (...sections: SecrSection[]): SecrFigure[] => figures.filter((f) => sections.includes(f.section));
  const previous = financialYearLabel(financialYearStart(d.thisYear.label) - 1);
  const headings = yearHeadings(d.thisYear.label, previous, d.previousYear !== null);
  const out = [
    `# ${mdText(secrMsg.title(d.org.name, d.thisYear.label))}`,
    '',
    '## UK energy use',
    '',
    ...table(headings, of('energy')),
    '',
  ];
  const notInKwh = of('energy_not_in_kwh');
  if (notInKwh.length > 0) out.push(mdText(secrMsg.notInKwh), '', ...table(headings, notInKwh), '');
  out.push('## Greenhouse gas emissions', '', ...table(headings, of('emissions')), '');
  out.push('## Intensity ratios', '', ...table(headings, of('intensity')), '');
  out.push('## Methodology', '', ...blocks(methodologyBlocks(d)));
  out.push('## Data quality', '', ...table(headings, of('quality')), '', ...blocks(qualityBlocks(d)));
  out.push(`## ${mdText(secrMsg.efficiencyHeading)}`, '', `**${mdText(`Principal measures taken in ${d.thisYear.label}`)}:** \\[${mdText(secrMsg.efficiencyField)}\\]`, '', `_${mdText(secrMsg.efficiencyPrompt)}_`, '');
  return out.join('\n');
}
