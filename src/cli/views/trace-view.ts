/** Plain-text renderings of conversion results and their traces for the terminal. */

import type { ConversionResult } from '../../convert/convert.js';
import { financialYearLabel } from '../../convert/policy.js';
import type { PublishedLabels } from '../../factors/types.js';
import { unitLabel } from '../../units/units.js';
import { formatFactor, formatNumber, renderTable } from '../../kernel/format.js';

export function labelPath(l: PublishedLabels): string {
  return [l.level1, l.level2, l.level3, l.level4, l.columnText].filter((s) => s !== '').join(' › ') + ` [${l.uom}]`;
}

function sourceText(r: ConversionResult): string {
  const s = r.trace.source;
  return s.kind === 'published'
    ? `${s.publisher} ${s.title} ${s.year}, ${s.edition}`
    : `custom factor, ${s.file} line ${s.line}: ${s.source}`;
}

/** One calculation, every step of it. */
export function renderTrace(r: ConversionResult): string {
  const t = r.trace;
  const rows: [string, string][] = [
    ['emissions', `${formatNumber(r.kgCo2e, 6)} kg CO2e (${formatNumber(r.kgCo2e / 1000, 6)} t CO2e)`],
    ['per gas', r.gases ? `CO2 ${formatNumber(r.gases.co2, 6)}, CH4 ${formatNumber(r.gases.ch4, 6)}, N2O ${formatNumber(r.gases.n2o, 6)} kg CO2e` : 'not published for this factor'],
    ['scope', r.scope.label],
    ['activity', `${formatNumber(t.quantity, 6)} ${unitLabel(t.unit)} of ${t.factorKey} on ${r.date}`],
    ['unit conversion', t.unitConversion ? `${unitLabel(t.unitConversion.from)} → ${unitLabel(t.unitConversion.to)} × ${formatFactor(t.unitConversion.multiplier)} = ${formatNumber(t.factorQuantity, 6)} ${unitLabel(t.factorUnit)}` : 'none'],
    ['factor', `${formatFactor(t.kgCo2ePerUnit)} kg CO2e per ${unitLabel(t.factorUnit)}`],
    ['factor per gas', t.gasesPerUnit ? `CO2 ${formatFactor(t.gasesPerUnit.co2)}, CH4 ${formatFactor(t.gasesPerUnit.ch4)}, N2O ${formatFactor(t.gasesPerUnit.n2o)}` : 'not published'],
    ['factor set', sourceText(r)],
    ['published labels', `${t.labels.scope} › ${labelPath(t.labels)}`],
    ['policy', `${t.policy} → ${t.requestedYear} set${t.policy === 'financial-year' ? ` (FY ${financialYearLabel(t.requestedYear)})` : ''}${t.factorYear !== t.requestedYear ? `, used ${t.factorYear}` : ''}`],
  ];
  if (t.activitySource) rows.push(['source', `${t.activitySource.file} line ${t.activitySource.line}`]);
  for (const w of r.warnings) rows.push(['WARNING', w.message]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

/** Many calculations as one table, each row with its trace columns. */
export function renderResultsTable(results: readonly ConversionResult[]): string {
  return renderTable(results, [
    { header: 'line', value: (r) => String(r.trace.activitySource?.line ?? ''), align: 'right' },
    { header: 'date', value: (r) => r.date },
    { header: 'key', value: (r) => r.key },
    { header: 'quantity', value: (r) => formatNumber(r.trace.quantity, 3), align: 'right' },
    { header: 'unit', value: (r) => unitLabel(r.trace.unit) },
    { header: 'set', value: (r) => `${r.trace.factorYear}${r.warnings.length > 0 ? '*' : ''}` },
    { header: 'edition', value: (r) => (r.trace.source.kind === 'published' ? r.trace.source.edition : 'custom') },
    { header: 'kg CO2e/unit', value: (r) => `${formatFactor(r.trace.kgCo2ePerUnit)}/${unitLabel(r.trace.factorUnit)}`, align: 'right' },
    { header: 'kg CO2e', value: (r) => formatNumber(r.kgCo2e, 2), align: 'right' },
    { header: 'scope', value: (r) => r.scope.label },
  ]);
}
