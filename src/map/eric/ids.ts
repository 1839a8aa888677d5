/**
 * The columns that say whose figures a row holds. ERIC called the trust an "Organisation" up to
 * the 2015/16 downloads (and in copies made from the 2016/17 workbook) and a "Trust" in every CSV
 * published from 2016/17 on; site files add the site's code, name and type.
 */

import { ericText, ericWords } from './header-text.js';
import type { EricIds } from './types.js';

const ID_NAMES: readonly (readonly [keyof EricIds, RegExp])[] = [
  ['trustCode', /^(organisation|trust|org|provider) code$/],
  ['trustName', /^(organisation|trust|org|provider) name$/],
  ['siteCode', /^site code$/],
  ['siteName', /^site name$/],
  ['siteType', /^site type$/],
];

/** Each id column's position (the first header that names it); trustCode absent when none does. */
export function findEricIds(header: readonly string[]): Partial<Record<keyof EricIds, number>> {
  const found: Partial<Record<keyof EricIds, number>> = {};
  header.forEach((cell, index) => {
    const words = ericWords(ericText(cell));
    for (const [key, name] of ID_NAMES) {
      if (found[key] === undefined && name.test(words)) found[key] = index;
    }
  });
  return found;
}
