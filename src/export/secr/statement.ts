/**
 * The words of a disclosure beside its tables: the methodology statement and the data-quality
 * notes, as plain sentences and lists that the Markdown and HTML renderers each escape their own
 * way.
 */

import { formatPercent, formatQuantity, formatTco2e } from '../../render/html/format-uk.js';
import type { SecrDisclosure, SecrYear } from './disclosure.js';
import { CONTROL_WORDS, SCOPE3_WORDS, secrMsg } from './secr-text.js';

/** A paragraph, optionally followed by a bulleted list. */
export interface StatementBlock {
  readonly text: string;
  readonly items?: readonly string[];
}

function years(d: SecrDisclosure): SecrYear[] {
  return d.previousYear === null ? [d.thisYear] : [d.thisYear, d.previousYear];
}

export function methodologyBlocks(d: SecrDisclosure): StatementBlock[] {
  const ys = years(d);
  const blocks: StatementBlock[] = [
    { text: `${secrMsg.regulations} ${secrMsg.ukOnly}` },
    { text: `${secrMsg.protocol}${ys.some((y) => y.market !== null) ? ` ${secrMsg.marketBeside}` : ''}` },
    { text: CONTROL_WORDS[d.control] },
    { text: SCOPE3_WORDS[d.scope3] },
  ];
  if (d.members.length > 1 || d.members[0] !== d.org.id) blocks.push({ text: `The figures are the sum of the member organisations: ${d.members.join(', ')}.` });
  const sets = ys.flatMap((y) => y.factorSets.map((s) => secrMsg.factorSetLine(y.label, s.year, s.publisher, s.edition)));
  const custom = ys.filter((y) => y.customFactorLines > 0).map((y) => secrMsg.customFactors(y.label, y.customFactorLines));
  const suppliers = [...new Set(ys.flatMap((y) => y.suppliers.map((s) => secrMsg.supplierFactor(s.supplier, s.source))))];
  const policies = new Set(ys.flatMap((y) => y.policies));
  const policyText = policies.size === 1 && policies.has('financial-year') ? secrMsg.factorPolicy : `Factor sets were chosen under the policies: ${[...policies].join(', ')}.`;
  blocks.push({ text: `Emission factors: ${policyText}`, items: [...sets, ...custom, ...suppliers] });
  const missing = ys.flatMap((y) => y.notInKwh.map((n) => `${y.label}: ${n.source}, ${formatQuantity(n.quantity, 1)} ${n.unit}: ${n.reason}.`));
  blocks.push(missing.length === 0 ? { text: `${secrMsg.kwhMethod} ${secrMsg.noneNotInKwh}` } : { text: `${secrMsg.kwhMethod} ${secrMsg.notInKwh}`, items: missing });
  blocks.push({ text: secrMsg.intensityBasis });
  return blocks;
}

export function qualityBlocks(d: SecrDisclosure): StatementBlock[] {
  const ys = years(d);
  const blocks: StatementBlock[] = [{
    text: secrMsg.qualityRule,
    items: ys.map((y) => secrMsg.quality(y.label, formatPercent(y.estimatedShare), y.tier, y.tierLabel)),
  }];
  const gaps = d.thisYear.gaps;
  blocks.push(gaps.length === 0
    ? { text: secrMsg.noGaps }
    : { text: secrMsg.gaps(gaps.length), items: gaps.map((g) => `${g.site ?? '(no site)'}, ${g.source}: ${g.missingMonths.join(', ')}`) });
  const outside = d.thisYear.outsideKgCo2e;
  if (outside !== 0) blocks.push({ text: secrMsg.outsideScope3(formatTco2e(outside / 1000)) });
  if (d.warnings.length > 0) blocks.push({ text: 'Notes from the calculation:', items: d.warnings.map((w) => w.message) });
  return blocks;
}
