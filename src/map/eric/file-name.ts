/**
 * The financial year and level an ERIC file's name states. No ERIC file has the year as a
 * column; the published names carry it in several forms (`ERIC - 202223 - Site data.csv`,
 * `ERIC-201718-SiteData.csv`, `est-ret-info-col-2015-2016-site-data.csv`,
 * `est-ret-info-col-2014-2015-tru-lev-dat-v2.csv`), and copies rename them (`ERIC_2019_20.csv`,
 * or `ERIC-2016-18.csv` for the 2016/17 return). A name that is not clearly one year is no answer:
 * the year decides which factors apply, so it is asked for rather than guessed.
 */

import type { EricLevel } from './types.js';

export interface EricFileName {
  /** `2022/23`: the financial year, April to March. */
  readonly year?: string;
  readonly level?: EricLevel;
}

/**
 * A start year, an optional separator, and the end year in full or as two digits, not inside a
 * longer run of digits (so `_12624` is no year, and `201617` is 2016 then 17).
 */
const YEAR_PAIR = /(?<!\d)((?:19|20)\d{2})[-_ ]?((?:19|20)\d{2}|\d{2})(?!\d)/g;

function financialYear(start: number, end: string): string | undefined {
  const expected = end.length === 4 ? start + 1 : (start + 1) % 100;
  return Number(end) === expected ? `${start}/${String((start + 1) % 100).padStart(2, '0')}` : undefined;
}

function yearOf(name: string): string | undefined {
  const years = new Set<string | undefined>();
  for (const m of name.matchAll(YEAR_PAIR)) years.add(financialYear(Number(m[1]), m[2]!));
  // Two years, or a pair that is not consecutive (`2016-18`), leave the year open.
  if (years.size !== 1) return undefined;
  return [...years][0];
}

/** `SiteData`, `Site data`, `ERIC_TRUST`, `tru-lev-dat` (the 2014/15 trust file) as words. */
function levelOf(name: string): EricLevel | undefined {
  const words = name
    .replace(/(?<=[a-z])(?=[A-Z])/g, ' ')
    .toLowerCase()
    .split(/[^a-z]+/);
  const site = words.some((w) => w === 'site' || w === 'sites');
  const trust = words.some((w) => w === 'trust' || w === 'trusts' || w === 'tru');
  if (site === trust) return undefined;
  return site ? 'site' : 'trust';
}

/** The financial year and the level a file name states; each absent when the name does not say it plainly. */
export function ericFileName(name: string): EricFileName {
  const base = (name.split(/[\\/]/).pop() ?? name).replace(/\.[a-z0-9]{1,5}$/i, '');
  const year = yearOf(base);
  const level = levelOf(base);
  return { ...(year === undefined ? {} : { year }), ...(level === undefined ? {} : { level }) };
}
