/**
 * The comparison's caveats and bases in plain words, shared by the HTML report and the terminal
 * view: a source by the name a person calls it ("wood pellets", not `biomass_pellets`), a month
 * as "November 2019", and a figure's basis and boundary said where it is shown.
 */

import { listWords, sourceWords } from '../../render/source-names.js';
import type { CompareCaveat } from '../../targets/compare-orgs.js';
import type { DenominatorMetric } from '../../aggregate/intensity.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** `2019-11` → `November 2019`; anything else as it is. */
export function monthWords(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const name = m === null ? undefined : MONTHS[Number(m[2]) - 1];
  return m === null || name === undefined ? month : `${name} ${m[1]!}`;
}


/** One caveat in words, without the organisation and year (the caller puts them in front). */
export function caveatWords(c: CompareCaveat): string {
  switch (c.code) {
    case 'mixed_policy':
      return `its figures were priced under more than one factor policy (${c.policies.join(', ')}), so the year mixes methods`;
    case 'mostly_estimated':
      return 'mostly estimated: over 90% of the figure rests on estimated or missing readings';
    case 'incomplete_year':
      return c.gaps.length === 0
        ? 'incomplete: the data stop before the year ends, so the figure is low'
        : `incomplete, so the figure is low: ${c.gaps.map((g) => `${g.site === null ? '' : `${g.site} `}${sourceWords(g.source)} has no data for ${listWords(g.months.map(monthWords))}`).join('; ')}`;
    case 'source_gap':
      return `no ${listWords(c.sources.map(sourceWords), 'or')} figures, though the years either side have them, so the figure is low`;
    case 'not_in_baseline':
      return `counts ${listWords(c.sources.map(sourceWords))}, which the baseline year ${c.baselineYear} has no figures for, so its index is not like for like`;
  }
}

/** What each denominator is per, in a heading or sentence. */
export const PER_WORDS: Readonly<Record<DenominatorMetric, string>> = {
  floorAreaM2: 'm² of floor area', staffWte: 'WTE member of staff', headcount: 'member of staff (headcount)', beds: 'bed', residents: 'resident', spendGbpM: '£m of spend',
};

/** Short form for table headings and axis titles. */
export const PER_SHORT: Readonly<Record<DenominatorMetric, string>> = {
  floorAreaM2: 'per m²', staffWte: 'per WTE', headcount: 'per head', beds: 'per bed', residents: 'per resident', spendGbpM: 'per £m',
};
