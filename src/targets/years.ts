/** Year labels: `2024/25` on the financial basis, `2024` on the calendar basis. */

import { financialYearLabel } from '../convert/policy.js';
import type { Basis } from './types.js';

export function yearLabel(basis: Basis, year: number): string {
  return basis === 'financial' ? financialYearLabel(year) : String(year);
}

/** `2028/29–2032/33` for a range of years, the plain label for a single year. */
export function rangeLabel(basis: Basis, fromYear: number, toYear: number): string {
  return fromYear === toYear ? yearLabel(basis, fromYear) : `${yearLabel(basis, fromYear)}–${yearLabel(basis, toYear)}`;
}
