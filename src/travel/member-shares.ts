/**
 * Private-car shares across organisations (`compare`): for each organisation compared (an ICS's
 * members in its place), each site's latest surveyed year, so an ICS sees its major sites side
 * by side. Each share is its own site's, with its interval; none is summed across organisations.
 */

import type { Ledger } from '../store/ledger.js';
import type { Config } from '../workspace/config.js';
import { siteCarShares, type SiteYearShare } from './site-car-share.js';
import { readVisitorWaves, readWaves } from './waves.js';

export interface MemberSiteShare extends SiteYearShare {
  readonly org: string;
}

export function memberSiteShares(ledger: Ledger, config: Config, orgs: readonly string[]): MemberSiteShare[] {
  const ids = [...new Set(orgs.flatMap((id) => {
    const o = config.organisations.find((x) => x.id === id);
    return o === undefined ? [] : o.members.length > 0 ? o.members : [o.id];
  }))];
  return ids.flatMap((id) => {
    const org = config.organisations.find((x) => x.id === id)!;
    const staff = readWaves(ledger, id);
    const visitors = readVisitorWaves(ledger, id);
    const years = [...new Set([...staff, ...visitors].flatMap((w) => (w.dating === undefined ? [] : [w.dating.startYear])))].sort((a, b) => a - b);
    const shares = siteCarShares(org, staff, visitors, years);
    // Each site's latest year.
    const latest = new Map<string, SiteYearShare>();
    for (const s of shares) latest.set(s.siteId, s);
    return [...latest.values()].map((s) => ({ ...s, org: id }));
  });
}
