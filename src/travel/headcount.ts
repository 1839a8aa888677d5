/**
 * Scaling survey respondents up to the workforce with the config's headcounts
 * (`travel.headcount`), for the wave's financial year.
 *
 * Each respondent belongs to the most specific headcount entry that matches them: site and staff
 * group, else site, else staff group, else the organisation's total. An entry stands for its staff
 * less those of the more specific entries inside it (a site's 3,000 staff less the 1,000 nurses
 * given their own entry at that site), so no one is counted twice: with every entry's remainder
 * worked out from the most specific upwards, the remainders add up to the staff the headcounts
 * cover. A group's respondents with usable answers are scaled by remainder ÷ usable respondents;
 * respondents who gave no distance or days are thus represented by the others in their group.
 *
 * Respondents matching no entry are counted as themselves and said so; so is a whole wave whose
 * year has no headcount. An entry with staff but no respondents is warned about: its staff are
 * not in the scaled total (they are not filled in from other groups' answers).
 *
 * Sites: responses store the config's site name where the answer named a known site; headcount
 * entries name the site id. Both are matched here, ignoring case.
 */

import type { OrganisationConfig } from '../workspace/config.js';
import { travelMsg } from './travel-text.js';
import type { ScalingGroup, TravelWarning, WaveScaling } from './types.js';

export interface Respondent {
  readonly site: string | null;
  readonly staffGroup: string | null;
  /** Has the answers commuting needs (distance and days, or works from home). */
  readonly usable: boolean;
}

export interface WaveScale {
  readonly scaling: WaveScaling;
  /** The scale factor for each respondent, in the order given; null when counted as themselves. */
  readonly factors: readonly (number | null)[];
  /** A short description of each respondent's group, for the line's note. */
  readonly groupText: readonly (string | null)[];
  readonly warnings: readonly TravelWarning[];
}

interface Entry {
  readonly siteId: string | null;
  readonly staffGroup: string | null;
  readonly headcount: number;
  readonly rank: number;
  remainder: number;
  respondents: number;
  usable: number;
}

const same = (a: string | null, b: string | null): boolean => a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The config site a stored site answer names (by id or name), if any. */
export function siteOf(org: Pick<OrganisationConfig, 'sites'>, text: string | null): { readonly id: string; readonly name: string } | undefined {
  if (text === null) return undefined;
  return org.sites.find((s) => same(s.id, text) || same(s.name, text));
}

function describe(org: Pick<OrganisationConfig, 'sites'>, e: Pick<Entry, 'siteId' | 'staffGroup'>): string {
  const site = e.siteId === null ? null : (org.sites.find((s) => s.id === e.siteId)?.name ?? e.siteId);
  if (site === null && e.staffGroup === null) return 'the whole organisation';
  return [site, e.staffGroup].filter((x) => x !== null).join(', ');
}

const inside = (f: Entry, e: Entry): boolean =>
  f !== e && f.rank > e.rank && (e.siteId === null || f.siteId === e.siteId) && (e.staffGroup === null || same(f.staffGroup, e.staffGroup));

export function scaleWave(org: Pick<OrganisationConfig, 'sites' | 'travel'>, startYearLabel: string, wave: string, respondents: readonly Respondent[]): WaveScale {
  const entries: Entry[] = [];
  for (const h of org.travel.headcount) {
    if (h.year !== startYearLabel) continue;
    const siteId = h.site ?? null;
    const staffGroup = h.staffGroup ?? null;
    // The same site and group twice: the first entry counts.
    if (entries.some((e) => e.siteId === siteId && (e.staffGroup === staffGroup || same(e.staffGroup, staffGroup)))) continue;
    entries.push({ siteId, staffGroup, headcount: h.headcount, rank: (siteId === null ? 0 : 2) + (staffGroup === null ? 0 : 1), remainder: 0, respondents: 0, usable: 0 });
  }
  const warnings: TravelWarning[] = [];
  if (entries.length === 0) {
    warnings.push({ code: 'no_headcount', message: travelMsg.noHeadcount(wave, startYearLabel), wave });
    return {
      scaling: { basis: 'respondents_only', headcount: null, responseRatePct: null, groups: [], unscaledRespondents: respondents.filter((r) => r.usable).length },
      factors: respondents.map(() => null), groupText: respondents.map(() => null), warnings,
    };
  }
  for (const e of [...entries].sort((a, b) => b.rank - a.rank)) {
    e.remainder = e.headcount - entries.filter((f) => inside(f, e)).reduce((s, f) => s + f.remainder, 0);
  }

  const matched = respondents.map((r) => {
    const siteId = siteOf(org, r.site)?.id ?? null;
    let best: Entry | undefined;
    for (const e of entries) {
      if (e.siteId !== null && e.siteId !== siteId) continue;
      if (e.staffGroup !== null && !same(e.staffGroup, r.staffGroup)) continue;
      if (best === undefined || e.rank > best.rank) best = e;
    }
    if (best) {
      best.respondents += 1;
      if (r.usable) best.usable += 1;
    }
    return best;
  });

  const groups: ScalingGroup[] = [];
  const scale = new Map<Entry, number | null>();
  for (const e of entries) {
    const what = describe(org, e);
    const factor = e.remainder > 0 && e.usable > 0 ? e.remainder / e.usable : null;
    scale.set(e, factor);
    if (e.remainder > 0 && e.respondents === 0) warnings.push({ code: 'headcount_without_respondents', message: travelMsg.headcountWithoutRespondents(wave, what, e.remainder), wave, count: e.remainder });
    if (e.remainder <= 0 && e.respondents > 0) warnings.push({ code: 'headcount_inconsistent', message: travelMsg.headcountInconsistent(wave, what, e.remainder), wave, count: e.respondents });
    const site = e.siteId === null ? null : (org.sites.find((s) => s.id === e.siteId)?.name ?? e.siteId);
    groups.push({
      site, siteId: e.siteId, staffGroup: e.staffGroup, headcount: e.remainder, respondents: e.respondents, usableRespondents: e.usable,
      responseRatePct: e.remainder > 0 ? (100 * e.respondents) / e.remainder : null, scaleFactor: factor,
    });
  }

  const unmatched = new Map<string | null, number>();
  let unscaled = 0;
  const factors = respondents.map((r, i) => {
    const e = matched[i];
    const f = e === undefined ? null : (scale.get(e) ?? null);
    if (f === null && r.usable) unscaled += 1;
    if (e === undefined) unmatched.set(r.site, (unmatched.get(r.site) ?? 0) + 1);
    return f;
  });
  for (const [site, n] of unmatched) warnings.push({ code: 'respondents_without_headcount', message: travelMsg.unmatchedRespondents(wave, n, site), wave, site, count: n });

  const headcount = entries.reduce((s, e) => s + e.remainder, 0);
  const inGroups = entries.reduce((s, e) => s + e.respondents, 0);
  return {
    scaling: { basis: 'headcount', headcount, responseRatePct: headcount > 0 ? (100 * inGroups) / headcount : null, groups, unscaledRespondents: unscaled },
    factors,
    groupText: matched.map((e) => (e === undefined ? null : describe(org, e))),
    warnings,
  };
}
