/**
 * Business travel and grey fleet by mode: the `travel:*` activities that business-travel claims
 * and mileage imports stored (already converted, Scope 3 category 6), summed by mode for the
 * report period (by each activity's start date).
 *
 * Grey fleet is staff's own vehicles used for work and claimed as mileage: the car, van and
 * motorbike modes. An electric or plug-in car's claim is two activities (tailpipe, `travel:car`,
 * and grid electricity, `travel:car:electricity`); the second is shown as its own mode but is
 * not a second claim line or a second set of km. Mileage worked out from the money claimed at
 * the approved mileage rate (`derivedFromAmount`) is an estimate, and its lines are counted and
 * shown as a share, since a board should know how much of the mileage is inferred.
 */

import type { Ledger } from '../store/ledger.js';
import { UNIT_IDS, conversionMultiplier, type UnitId } from '../units/units.js';
import { travelMsg } from './travel-text.js';
import type { ReportPeriod } from './period.js';
import type { BusinessTravelMode, BusinessTravelResult, BusinessTravelTotals, TravelWarning } from './types.js';

interface Row {
  source: string;
  unit: string;
  quantity: number;
  kgCo2e: number;
  companionOf: string | null;
  factorKey: string;
  extraJson: string | null;
}

const GREY_FLEET: ReadonlySet<string> = new Set(['car', 'van', 'motorbike']);
const UNITS: ReadonlySet<string> = new Set(UNIT_IDS);

/** Distance in km (vehicle or passenger), whatever distance unit the claim was in. */
function kmOf(quantity: number, unit: string): number {
  if (!UNITS.has(unit)) return 0;
  const u = unit as UnitId;
  const to: UnitId = u === 'passenger_km' || u === 'passenger_miles' ? 'passenger_km' : 'km';
  return quantity * (conversionMultiplier(u, to) ?? 0);
}

function companionKind(key: string): 'wtt' | 'td' | 'outside_scopes' {
  if (key.endsWith('.wtt')) return 'wtt';
  if (key.endsWith('.td_losses')) return 'td';
  return 'outside_scopes';
}

interface Sums {
  lines: number;
  km: number;
  kgCo2e: number;
  wttKgCo2e: number;
  tdKgCo2e: number;
  moneyDerivedLines: number;
  moneyDerivedKm: number;
  reversals: number;
}

const empty = (): Sums => ({ lines: 0, km: 0, kgCo2e: 0, wttKgCo2e: 0, tdKgCo2e: 0, moneyDerivedLines: 0, moneyDerivedKm: 0, reversals: 0 });

export function businessTravel(ledger: Ledger, org: string, period: ReportPeriod): { result: BusinessTravelResult; warnings: TravelWarning[] } {
  const rows = ledger.select<Row>(`
    SELECT a.source, a.unit, a.quantity, a.kg_co2e AS kgCo2e, a.companion_of AS companionOf, a.factor_key AS factorKey, a.extra_json AS extraJson
    FROM activities a JOIN batches b ON b.id = a.batch_id
    WHERE b.status = 'active' AND a.superseded_by IS NULL AND a.org = ? AND a.source LIKE 'travel:%' AND a.direction = 'import' AND a.period_start >= ? AND a.period_start <= ?
    ORDER BY a.batch_id, a.line, a.id`, [org, period.start, period.end]);
  const byMode = new Map<string, Sums>();
  for (const r of rows) {
    const mode = r.source.slice('travel:'.length);
    let s = byMode.get(mode);
    if (!s) byMode.set(mode, (s = empty()));
    if (r.companionOf !== null) {
      const kind = companionKind(r.factorKey);
      if (kind === 'wtt') s.wttKgCo2e += r.kgCo2e;
      else if (kind === 'td') s.tdKgCo2e += r.kgCo2e;
      continue; // biogenic CO2 is outside the scopes: not a travel figure here
    }
    const extra = r.extraJson === null ? {} : (JSON.parse(r.extraJson) as Record<string, unknown>);
    const km = kmOf(r.quantity, r.unit);
    s.lines += 1;
    s.km += km;
    s.kgCo2e += r.kgCo2e;
    if (extra.derivedFromAmount === true) {
      s.moneyDerivedLines += 1;
      s.moneyDerivedKm += km;
    }
    if (extra.reversal === true) s.reversals += 1;
  }

  const modes: BusinessTravelMode[] = [...byMode.keys()].sort().map((mode) => ({ mode, greyFleet: GREY_FLEET.has(mode.split(':')[0]!), ...byMode.get(mode)! }));
  // An EV's electricity row repeats its claim's line and km: only its emissions add up.
  const totals = (list: readonly BusinessTravelMode[]): BusinessTravelTotals & { moneyDerivedLines: number; moneyDerivedKm: number } => {
    const claims = list.filter((m) => !m.mode.includes(':'));
    return {
      lines: claims.reduce((s, m) => s + m.lines, 0), km: claims.reduce((s, m) => s + m.km, 0),
      kgCo2e: list.reduce((s, m) => s + m.kgCo2e, 0), wttKgCo2e: list.reduce((s, m) => s + m.wttKgCo2e, 0), tdKgCo2e: list.reduce((s, m) => s + m.tdKgCo2e, 0),
      moneyDerivedLines: claims.reduce((s, m) => s + m.moneyDerivedLines, 0), moneyDerivedKm: claims.reduce((s, m) => s + m.moneyDerivedKm, 0),
    };
  };
  const all = totals(modes);
  const grey = totals(modes.filter((m) => m.greyFleet));
  const sharePct = all.lines > 0 ? (100 * all.moneyDerivedLines) / all.lines : null;
  const warnings: TravelWarning[] = all.moneyDerivedLines > 0 && sharePct !== null
    ? [{ code: 'money_derived_miles', message: travelMsg.moneyDerived(all.moneyDerivedLines, sharePct), count: all.moneyDerivedLines }]
    : [];
  return {
    result: {
      lines: all.lines, km: all.km, kgCo2e: all.kgCo2e, wttKgCo2e: all.wttKgCo2e, tdKgCo2e: all.tdKgCo2e,
      greyFleet: { lines: grey.lines, km: grey.km, kgCo2e: grey.kgCo2e, wttKgCo2e: grey.wttKgCo2e, tdKgCo2e: grey.tdKgCo2e },
      moneyDerived: { lines: all.moneyDerivedLines, sharePct, km: all.moneyDerivedKm, kmSharePct: all.km > 0 ? (100 * all.moneyDerivedKm) / all.km : null },
      modes,
    },
    warnings,
  };
}
