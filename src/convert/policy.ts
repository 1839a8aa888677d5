/**
 * Which year's factor set an activity uses.
 *
 * - `financial-year` (default): April Y to March Y+1 uses set Y. The government's guidance is to
 *   use the set for the calendar year in which most of the data falls; nine of an April–March
 *   year's twelve months fall in Y, and the NHS's former sustainability reporting portal did
 *   the same (FY 2019/20 → 2019 set).
 * - `calendar-year`: an activity in year Y uses set Y.
 * - `fixed:YYYY`: one set for every year, to separate changes in consumption from changes in the
 *   factors (the like-for-like view; never the statutory one).
 */

import { UserError } from '../kernel/errors.js';
import { msg } from '../messages.js';

export type FactorPolicy =
  | { readonly kind: 'financial-year' }
  | { readonly kind: 'calendar-year' }
  | { readonly kind: 'fixed'; readonly year: number };

export const DEFAULT_POLICY: FactorPolicy = { kind: 'financial-year' };

export function parsePolicy(text: string): FactorPolicy {
  const t = text.trim().toLowerCase();
  if (t === 'financial-year' || t === 'fy') return { kind: 'financial-year' };
  if (t === 'calendar-year' || t === 'cy') return { kind: 'calendar-year' };
  const m = /^fixed:([1-9]\d{3})$/.exec(t);
  if (m) return fixedPolicy(Number(m[1]));
  throw new UserError('bad_policy', msg.badPolicy(text), msg.badPolicyHint);
}

/**
 * `fixed:YYYY` for a year the code already holds as a number (the like-for-like series), without
 * writing the policy out and reading it back. A year that is not four digits is refused with the
 * error parsePolicy gives for it.
 */
export function fixedPolicy(year: number): FactorPolicy {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new UserError('bad_policy', msg.badPolicy(`fixed:${year}`), msg.badPolicyHint);
  return { kind: 'fixed', year };
}

export function policyName(p: FactorPolicy): string {
  return p.kind === 'fixed' ? `fixed:${p.year}` : p.kind;
}

/**
 * The factor year for an ISO date (`YYYY-MM-DD`). Reads the digits directly: this runs once per
 * activity, and building a date object here would dominate the cost of a conversion.
 */
export function factorYear(isoDate: string, policy: FactorPolicy): number {
  if (policy.kind === 'fixed') return policy.year;
  const year = Number(isoDate.slice(0, 4));
  if (policy.kind === 'calendar-year') return year;
  const month = Number(isoDate.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks a `YYYY-MM-DD` string is a real calendar date (no 31 February). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

/** `2024/25` for the financial year starting April 2024. */
export function financialYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}
