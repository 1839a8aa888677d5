/**
 * Journeys avoided by digital appointments (config `travel.avoided`): appointments × average
 * round-trip km, split by the entry's mode mix, converted with the commuting factors
 * (`commute-factors.ts`: an average car of unknown fuel, average local bus, national rail…).
 * A car-share share is taken as two people to a car (the fewest a share has, as the survey
 * import also assumes), so its vehicle km are half its person km; walking and cycling avoid
 * nothing. The result is reported beside the footprint and never subtracted from it: the journeys
 * are patients' and visitors', outside the inventory, and avoided emissions are not reductions of
 * it. Each entry carries its `source` as the config gives it, and a year only partly inside the
 * report period counts pro rata by days.
 */

import type { FactorPolicy } from '../convert/policy.js';
import type { FactorLibrary } from '../factors/library.js';
import { MIX_MODES, type OrganisationConfig } from '../workspace/config.js';
import { commuteFactor } from './commute-factors.js';
import { convertTravel, type Tally } from './engine.js';
import { travelMsg } from './travel-text.js';
import { parseFinancialYear, yearShare, type ReportPeriod } from './period.js';
import type { AvoidedEntry, AvoidedMode, AvoidedResult, TravelWarning } from './types.js';

/** People in a shared car when the mode mix does not say. */
const CAR_SHARE_OCCUPANTS = 2;

export function avoidedJourneys(
  library: FactorLibrary,
  org: Pick<OrganisationConfig, 'sites' | 'travel'>,
  period: ReportPeriod,
  policy: FactorPolicy,
  tally: Tally,
): { result: AvoidedResult; warnings: TravelWarning[] } {
  const warnings: TravelWarning[] = [];
  const entries: AvoidedEntry[] = [];
  for (const a of org.travel.avoided) {
    const startYear = parseFinancialYear(a.year);
    const inPeriod = startYear === undefined ? undefined : yearShare(startYear, period);
    if (inPeriod === undefined) continue;
    const km = a.appointments * a.roundTripKm * inPeriod.share;
    const modes: AvoidedMode[] = MIX_MODES.flatMap((mode) => {
      const share = a.modeMix[mode];
      if (share === undefined) return [];
      const personKm = km * share;
      const none: AvoidedMode = { mode, shareOfJourneys: share, km: personKm, factorKey: null, factorYear: null, factorUnit: null, factorKgPerUnit: null, kgCo2e: 0, wttKgCo2e: 0 };
      const choice = commuteFactor(mode, null);
      if (choice.kind === 'zero') return [none];
      if (choice.kind === 'none') {
        warnings.push({ code: 'avoided_mode_without_factor', message: travelMsg.avoidedNoFactor(a.description, a.year, mode.replace(/_/g, ' ')) });
        return [none];
      }
      const quantity = mode === 'car_share' ? personKm / CAR_SHARE_OCCUPANTS : personKm;
      const figures = convertTravel(library, { keys: choice.factor.keys, quantity, unit: choice.factor.unit, date: inPeriod.part.start }, policy, tally);
      if ('error' in figures) {
        warnings.push({ code: 'avoided_conversion_failed', message: travelMsg.avoidedConversionFailed(a.description, a.year, mode.replace(/_/g, ' '), figures.error) });
        return [none];
      }
      const main = figures.find((f) => f.kind === 'main')!.result;
      return [{
        mode, shareOfJourneys: share, km: personKm, factorKey: main.key, factorYear: main.trace.factorYear, factorUnit: main.trace.factorUnit,
        factorKgPerUnit: main.trace.kgCo2ePerUnit, kgCo2e: main.kgCo2e,
        wttKgCo2e: figures.filter((f) => f.kind === 'wtt').reduce((s, f) => s + f.result.kgCo2e, 0),
      }];
    });
    entries.push({
      year: a.year, site: a.site === undefined ? null : (org.sites.find((s) => s.id === a.site)?.name ?? a.site),
      description: a.description, source: a.source, appointments: a.appointments, roundTripKm: a.roundTripKm, share: inPeriod.share, km, modes,
      kgCo2e: modes.reduce((s, m) => s + m.kgCo2e, 0), wttKgCo2e: modes.reduce((s, m) => s + m.wttKgCo2e, 0),
    });
  }
  return {
    result: { kgCo2e: entries.reduce((s, e) => s + e.kgCo2e, 0), wttKgCo2e: entries.reduce((s, e) => s + e.wttKgCo2e, 0), entries },
    warnings,
  };
}
