/**
 * The share of journeys to a site made by private car, per site and financial year: for staff
 * (from the staff travel survey), for patients and visitors (from their survey), and for everyone
 * together, weighted by each group's journeys to the site in the year.
 *
 * Private car: driving alone, a car share (driver or passenger), and a taxi where the survey
 * separates it. These are people's journeys, not vehicles': a passenger dropped at the door is a
 * journey made by private car. Journeys are one-way, both ways: a member of staff on site three
 * days a week makes six; a visitor makes the journeys their visit meant.
 *
 * Each share is a respondent-weighted mean (staff weighted by days on site, patients and visitors
 * by journeys per visit), so its sample is not the raw count of respondents: the interval uses the
 * effective sample size (Σw)² ÷ Σw² (Kish), with the Wilson score interval at 95%, which stays
 * inside 0–100% and behaves for small samples and shares near the ends. The combined share is
 * (staff journeys × staff share + patient and visitor journeys × their share) ÷ all journeys, its
 * interval from the two variances so weighted (a normal approximation, clipped to 0–100%).
 *
 * Volumes: staff journeys = the site's headcount for the year (config `travel.headcount`, its
 * entries for the site summed) × the respondents' mean journeys a week × working weeks; patient
 * and visitor journeys = the site's patient contacts × journeys per contact (the survey's, as
 * patient-travel.ts scales it, else the default method's 3.7). Without both, no combined share.
 *
 * Journeys avoided by digital appointments at the site (config `travel.avoided` with a site) are
 * shown as well: the share had those journeys been made, by the entry's mode mix (two one-way
 * journeys an appointment). The share as surveyed already has them avoided.
 */

import { financialYearLabel } from '../convert/policy.js';
import type { OrganisationConfig } from '../workspace/config.js';
import { siteOf } from './headcount.js';
import { parseFinancialYear } from './period.js';
import { contactVolumes } from './patient-volumes.js';
import { visitorWaveFor } from './patient-travel.js';
import type { SurveyWave, VisitorWave } from './waves.js';

/** z for a two-sided 95% interval. */
const Z95 = 1.959964;

export interface ShareEstimate {
  /** 0–100. */
  readonly pct: number;
  readonly lowPct: number;
  readonly highPct: number;
  /** Respondents the share is drawn from. */
  readonly respondents: number;
  /** Kish effective sample size of the weighted share. */
  readonly effectiveN: number;
  readonly wave: string | null;
}

export interface SiteYearShare {
  readonly site: string;
  readonly siteId: string;
  readonly year: string;
  readonly startYear: number;
  readonly staff: ShareEstimate | null;
  readonly patientsVisitors: ShareEstimate | null;
  /** Weighted by the journeys below; null without both groups' shares and volumes. */
  readonly all: ShareEstimate | null;
  readonly staffJourneys: number | null;
  readonly patientVisitorJourneys: number | null;
  /** Why `all` is missing, in words. */
  readonly allMissing: string | null;
  /** Journeys avoided by digital appointments at the site this year, and the shares had they been made. */
  readonly avoidedJourneys: number;
  readonly patientsVisitorsWithoutAvoidedPct: number | null;
  readonly allWithoutAvoidedPct: number | null;
  /** The surveyed journeys by mode (taxi apart from other modes), for each group: what the shares are drawn from. */
  readonly byMode: readonly { readonly who: 'staff' | 'patients-visitors'; readonly mode: string; readonly journeys: number }[];
}

function modesOf(who: 'staff' | 'patients-visitors', rows: readonly { mode: string; detail: string | null; w: number }[]): SiteYearShare['byMode'] {
  const sums = new Map<string, number>();
  for (const r of rows) {
    if (r.w <= 0) continue;
    const mode = r.mode === 'other' && r.detail === 'taxi' ? 'taxi' : r.mode;
    sums.set(mode, (sums.get(mode) ?? 0) + r.w);
  }
  return [...sums].map(([mode, journeys]) => ({ who, mode, journeys }));
}

/** Whether a mode is a private car journey (see above). */
export function isPrivateCar(mode: string, detail: string | null): boolean {
  return mode === 'drive_alone' || mode === 'car_share' || (mode === 'other' && detail === 'taxi');
}

/** A weighted share of ones and zeros with its Wilson interval on the effective sample size. */
export function weightedShare(obs: readonly { readonly w: number; readonly car: boolean }[], wave: string | null): ShareEstimate | null {
  const used = obs.filter((o) => o.w > 0);
  const sw = used.reduce((s, o) => s + o.w, 0);
  if (sw <= 0) return null;
  const sw2 = used.reduce((s, o) => s + o.w * o.w, 0);
  const p = used.filter((o) => o.car).reduce((s, o) => s + o.w, 0) / sw;
  const n = (sw * sw) / sw2;
  const [low, high] = wilson(p, n);
  return { pct: 100 * p, lowPct: 100 * low, highPct: 100 * high, respondents: used.length, effectiveN: n, wave };
}

/** Wilson score interval for a proportion p from n observations, 95%. */
export function wilson(p: number, n: number): [number, number] {
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * Shares of separate samples as one, each weighted (by its journeys): the weighted mean, its
 * variance Σ w² p(1 − p) ÷ n from the parts', a normal 95% interval clipped to 0–100%, and the
 * sample size that variance amounts to.
 */
export function pooledShares(parts: readonly { readonly est: ShareEstimate; readonly weight: number }[]): ShareEstimate {
  const total = parts.reduce((s, x) => s + x.weight, 0);
  const p = parts.reduce((s, x) => s + (x.weight / total) * (x.est.pct / 100), 0);
  const variance = parts.reduce((s, x) => {
    const q = x.est.pct / 100;
    return s + (x.weight / total) ** 2 * (q * (1 - q)) / x.est.effectiveN;
  }, 0);
  const half = Z95 * Math.sqrt(variance);
  return {
    pct: 100 * p, lowPct: 100 * Math.max(0, p - half), highPct: 100 * Math.min(1, p + half), respondents: parts.reduce((s, x) => s + x.est.respondents, 0),
    effectiveN: variance > 0 ? (p * (1 - p)) / variance : parts.reduce((s, x) => s + x.est.effectiveN, 0), wave: null,
  };
}

function staffWaveFor(waves: readonly SurveyWave[], startYear: number): SurveyWave | undefined {
  const of = waves.filter((w) => w.dating?.startYear === startYear);
  return of[of.length - 1];
}

/** Per site and financial year: the private-car shares the surveys dated to that year give. */
export function siteCarShares(org: OrganisationConfig, staffWaves: readonly SurveyWave[], visitorWaves: readonly VisitorWave[], startYears: readonly number[]): SiteYearShare[] {
  const out: SiteYearShare[] = [];
  for (const startYear of startYears) {
    const staffWave = staffWaveFor(staffWaves, startYear);
    // Patient and visitor waves of the year itself: a share is a measurement, never carried forward.
    const found = visitorWaveFor(visitorWaves, startYear);
    const visitorWave = found !== undefined && found.from === startYear ? found.wave : undefined;
    if (staffWave === undefined && visitorWave === undefined) continue;
    const volumes = contactVolumes(org, startYear);
    const weeks = org.travel.workingWeeks;
    for (const site of org.sites) {
      const staffAt = (staffWave?.responses ?? []).filter((r) => siteOf(org, r.site)?.id === site.id);
      const pvAt = (visitorWave?.responses ?? []).filter((r) => siteOf(org, r.site)?.id === site.id);
      if (staffAt.length === 0 && pvAt.length === 0) continue;
      const staff = weightedShare(staffAt.map((r) => ({ w: r.mode === 'work_from_home' || r.daysPerWeek === null ? 0 : 2 * r.daysPerWeek, car: isPrivateCar(r.mode, r.detail) })), staffWave?.label ?? null);
      const pv = weightedShare(pvAt.map((r) => ({ w: r.journeysPerVisit, car: isPrivateCar(r.mode, r.detail) })), visitorWave?.label ?? null);
      // Volumes.
      const headcount = org.travel.headcount.filter((h) => h.site === site.id && parseFinancialYear(h.year) === startYear).reduce((s, h) => s + h.headcount, 0);
      const staffMeanWeekly = staffAt.length === 0 ? 0 : staffAt.reduce((s, r) => s + (r.mode === 'work_from_home' || r.daysPerWeek === null ? 0 : 2 * r.daysPerWeek), 0) / staffAt.length;
      const staffJourneys = headcount > 0 && staffAt.length > 0 ? headcount * staffMeanWeekly * weeks : null;
      const contacts = volumes.sites.find((v) => v.siteId === site.id)?.contacts ?? null;
      const patients = pvAt.filter((r) => r.respondentType === 'patient').length;
      const perContact = pvAt.length === 0 ? org.travel.defaultPatientTravel.journeysPerContact : pvAt.reduce((s, r) => s + r.journeysPerVisit, 0) / (patients > 0 ? patients : pvAt.length);
      const pvJourneys = contacts === null ? null : contacts * perContact;
      let all: ShareEstimate | null = null;
      let allMissing: string | null = null;
      if (staff === null || pv === null) allMissing = staff === null ? 'no staff survey answers for the site this year' : 'no patient and visitor survey answers for the site this year';
      else if (staffJourneys === null) allMissing = 'no staff headcount for the site this year (travel.headcount with the site)';
      else if (pvJourneys === null) allMissing = 'no patient contacts for the site this year (travel.patientActivity with the site)';
      else all = pooledShares([{ est: staff, weight: staffJourneys }, { est: pv, weight: pvJourneys }]);
      // Journeys avoided at the site: two one-way journeys an appointment, by the entry's mode mix.
      const avoided = org.travel.avoided.filter((a) => a.site === site.id && parseFinancialYear(a.year) === startYear);
      const avoidedJourneys = avoided.reduce((s, a) => s + 2 * a.appointments, 0);
      const avoidedCar = avoided.reduce((s, a) => s + 2 * a.appointments * ((a.modeMix.drive_alone ?? 0) + (a.modeMix.car_share ?? 0)), 0);
      const pvWithout = pv === null || pvJourneys === null || avoidedJourneys === 0 ? null : (100 * ((pv.pct / 100) * pvJourneys + avoidedCar)) / (pvJourneys + avoidedJourneys);
      const allWithout = all === null || staffJourneys === null || pvJourneys === null || avoidedJourneys === 0 ? null
        : (100 * ((all.pct / 100) * (staffJourneys + pvJourneys) + avoidedCar)) / (staffJourneys + pvJourneys + avoidedJourneys);
      out.push({
        site: site.name, siteId: site.id, year: financialYearLabel(startYear), startYear, staff, patientsVisitors: pv, all,
        staffJourneys, patientVisitorJourneys: pvJourneys, allMissing, avoidedJourneys, patientsVisitorsWithoutAvoidedPct: pvWithout, allWithoutAvoidedPct: allWithout,
        byMode: [
          ...modesOf('staff', staffAt.map((r) => ({ mode: r.mode, detail: r.detail, w: r.mode === 'work_from_home' || r.daysPerWeek === null ? 0 : 2 * r.daysPerWeek }))),
          ...modesOf('patients-visitors', pvAt.map((r) => ({ mode: r.mode, detail: r.detail, w: r.journeysPerVisit }))),
        ],
      });
    }
  }
  return out;
}
