/**
 * The volumes patient and visitor travel is scaled to: patient activity a financial year, for the
 * organisation and for each site, from the config (`travel.patientActivity`, each entry with its
 * source; or `denominators[].patientContacts` for the organisation as a whole).
 *
 * A site's or the organisation's contacts are its `patientContacts` where given (every attendance,
 * admission and community contact), else the sum of the outpatient attendances, inpatient
 * admissions and A&E attendances it gives: each of those is one patient arriving at the site, which
 * is what a journey count needs. An organisation with site entries and no entry of its own has the
 * sum of its sites'.
 */

import type { OrganisationConfig } from '../workspace/config.js';
import { parseFinancialYear } from './period.js';

export interface ContactVolume {
  /** The site's name as the config gives it; null for the organisation as a whole. */
  readonly site: string | null;
  readonly siteId: string | null;
  readonly contacts: number;
  /** How the contacts were counted, in words. */
  readonly basis: string;
  readonly source: string;
}

export interface YearVolumes {
  readonly startYear: number;
  readonly sites: readonly ContactVolume[];
  /** The organisation's contacts: its own entry, else its sites' summed; null when neither is given. */
  readonly org: ContactVolume | null;
}

type ActivityEntry = OrganisationConfig['travel']['patientActivity'][number];

function volumeOf(a: ActivityEntry, site: { id: string; name: string } | null): ContactVolume {
  if (a.patientContacts !== undefined) return { site: site?.name ?? null, siteId: site?.id ?? null, contacts: a.patientContacts, basis: 'patient contacts', source: a.source };
  const parts: [number | undefined, string][] = [[a.outpatientAttendances, 'outpatient attendances'], [a.inpatientAdmissions, 'inpatient admissions'], [a.aeAttendances, 'A&E attendances']];
  const given = parts.filter((p): p is [number, string] => p[0] !== undefined);
  return {
    site: site?.name ?? null, siteId: site?.id ?? null, contacts: given.reduce((s, [n]) => s + n, 0),
    basis: given.map(([, w]) => w).join(' + '), source: a.source,
  };
}

export function contactVolumes(org: Pick<OrganisationConfig, 'sites' | 'travel' | 'denominators'>, startYear: number): YearVolumes {
  const ofYear = org.travel.patientActivity.filter((a) => parseFinancialYear(a.year) === startYear);
  const sites = ofYear.flatMap((a) => {
    if (a.site === undefined) return [];
    const site = org.sites.find((s) => s.id === a.site);
    return site === undefined ? [] : [volumeOf(a, site)];
  });
  const own = ofYear.find((a) => a.site === undefined);
  const denominator = org.denominators.find((d) => parseFinancialYear(d.year) === startYear)?.patientContacts;
  let whole: ContactVolume | null = null;
  if (own !== undefined) whole = volumeOf(own, null);
  else if (denominator !== undefined) whole = { site: null, siteId: null, contacts: denominator, basis: 'patient contacts', source: `the config's denominators for ${String(startYear)}/${String((startYear + 1) % 100).padStart(2, '0')}` };
  else if (sites.length > 0) whole = { site: null, siteId: null, contacts: sites.reduce((s, v) => s + v.contacts, 0), basis: 'the sites\' activity summed', source: [...new Set(sites.map((v) => v.source))].join('; ') };
  return { startYear, sites, org: whole };
}
