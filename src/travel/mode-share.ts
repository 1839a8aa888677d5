/**
 * Mode shares per survey wave, overall and per site: by respondents, and by journeys (each
 * respondent's days a week on site, so someone on site five days weighs five times someone on
 * site one day; working from home is no journey). The shares are the respondents' own: they are
 * not re-weighted by each site's response rate.
 *
 * The headline indicator is the share of journeys made by private car: driving alone plus car
 * sharing as the driver. The survey says who drives when the answer did ("Car share (driver)");
 * where it did not, a car-share journey counts as 1/occupants of a driver journey (one of the
 * people in the car drives it), and the number of such respondents is given. Single-occupancy
 * car journeys (driving alone) are shown beside it. Park and ride counts as bus, its main mode.
 * Waves are compared in date order, in percentage points, overall and for each site in both.
 */

import { COMMUTE_MODES } from '../map/survey.js';
import { travelMsg } from './travel-text.js';
import type { ModeShare, ModeShareResult, PrivateCarChange, TravelWarning, WaveModeShare } from './types.js';
import type { StoredResponse, SurveyWave } from './waves.js';

function journeys(r: StoredResponse): number {
  return r.mode === 'work_from_home' || r.daysPerWeek === null ? 0 : r.daysPerWeek;
}

/** Of a respondent's journeys, how many a private car's driver makes. */
function driverJourneys(r: StoredResponse): number {
  if (r.mode === 'drive_alone') return journeys(r);
  if (r.mode !== 'car_share') return 0;
  if (r.carShareRole === 'driver') return journeys(r);
  if (r.carShareRole === 'passenger') return 0;
  return journeys(r) / Math.max(r.occupants ?? 2, 1);
}

export function modeShare(site: string | null, responses: readonly StoredResponse[]): ModeShare {
  const total = responses.length;
  const totalJourneys = responses.reduce((s, r) => s + journeys(r), 0);
  const pct = (n: number, of: number): number | null => (of > 0 ? (100 * n) / of : null);
  const modes = COMMUTE_MODES.flatMap((mode) => {
    const of = responses.filter((r) => r.mode === mode);
    if (of.length === 0) return [];
    const j = of.reduce((s, r) => s + journeys(r), 0);
    return [{ mode, respondents: of.length, respondentsPct: (100 * of.length) / total, journeysPerWeek: j, journeysPct: pct(j, totalJourneys) }];
  });
  const driving = responses.reduce((s, r) => s + driverJourneys(r), 0);
  const alone = responses.filter((r) => r.mode === 'drive_alone').reduce((s, r) => s + journeys(r), 0);
  return {
    site, respondents: total, journeysPerWeek: totalJourneys, modes,
    privateCarJourneysPct: pct(driving, totalJourneys), singleOccupancyJourneysPct: pct(alone, totalJourneys),
    carShareRoleUnknown: responses.filter((r) => r.mode === 'car_share' && r.carShareRole === null).length,
  };
}

function waveShare(wave: SurveyWave): WaveModeShare {
  const bySite = new Map<string, StoredResponse[]>();
  for (const r of wave.responses) {
    if (r.site === null) continue; // in the overall figure only
    let list = bySite.get(r.site);
    if (!list) bySite.set(r.site, (list = []));
    list.push(r);
  }
  return {
    wave: wave.label, financialYear: wave.dating?.financialYear ?? null, date: wave.dating?.date ?? null,
    overall: modeShare(null, wave.responses),
    sites: [...bySite.keys()].sort().map((site) => modeShare(site, bySite.get(site)!)),
  };
}

function change(site: string | null, from: WaveModeShare, to: WaveModeShare, a: ModeShare, b: ModeShare): PrivateCarChange | undefined {
  if (a.privateCarJourneysPct === null || b.privateCarJourneysPct === null || a.singleOccupancyJourneysPct === null || b.singleOccupancyJourneysPct === null) return undefined;
  return {
    site, from: from.wave, to: to.wave, fromPct: a.privateCarJourneysPct, toPct: b.privateCarJourneysPct, changePp: b.privateCarJourneysPct - a.privateCarJourneysPct,
    singleOccupancyFromPct: a.singleOccupancyJourneysPct, singleOccupancyToPct: b.singleOccupancyJourneysPct,
    singleOccupancyChangePp: b.singleOccupancyJourneysPct - a.singleOccupancyJourneysPct,
  };
}

/** Mode shares of the given waves (in date order), and the changes between consecutive dated waves. */
export function modeShares(waves: readonly SurveyWave[]): { result: ModeShareResult; warnings: TravelWarning[] } {
  const shares = waves.map(waveShare);
  const warnings: TravelWarning[] = shares
    .filter((s) => s.overall.carShareRoleUnknown > 0)
    .map((s) => ({ code: 'car_share_role_unknown', message: travelMsg.carShareRoleUnknown(s.wave, s.overall.carShareRoleUnknown), wave: s.wave, count: s.overall.carShareRoleUnknown }));
  const dated = shares.filter((s) => s.date !== null);
  const changes: PrivateCarChange[] = [];
  for (let i = 1; i < dated.length; i++) {
    const from = dated[i - 1]!;
    const to = dated[i]!;
    const overall = change(null, from, to, from.overall, to.overall);
    if (overall) changes.push(overall);
    for (const b of to.sites) {
      const a = from.sites.find((s) => s.site === b.site);
      const c = a === undefined ? undefined : change(b.site, from, to, a, b);
      if (c) changes.push(c);
    }
  }
  return { result: { waves: shares, changes }, warnings };
}
