/**
 * Business travel and grey fleet by mode: the `travel:*` activities that business-travel claims
 * and mileage imports stored (already converted, Scope 3 category 6), summed by mode for the
 * report period (by each activity's start date).
 *
 * Grey fleet is staff's own vehicles used for work and claimed as mileage: the car, van and
 * motorbike modes. An electric or plug-in car's claim is two activities (tailpipe, `travel:car`,
 * and grid electricity, `travel:car:electricity`) of one claim line and one distance: both are
 * counted under the car, so that a mode's lines, km and tCO2e always cover the same claims (a
 * board reading "131 lines, 41,922 km, 5.59 t" must find the electric cars in all three). The
 * electricity part is given beside them (`electricity`), inside the figures, never added again.
 * Lines are claims, counted once each by their file and line, however many activities they gave.
 * Mileage worked out from the money claimed at the approved mileage rate (`derivedFromAmount`)
 * is an estimate, and its lines are counted and shown as a share, since a board should know how
 * much of the mileage is inferred.
 */

import type { Ledger } from '../store/ledger.js';
import { UNIT_IDS, conversionMultiplier, type UnitId } from '../units/units.js';
import { travelMsg } from './travel-text.js';
import type { ReportPeriod } from './period.js';
import type { BusinessTravelMode, BusinessTravelResult, BusinessTravelTotals, TravelWarning } from './types.js';

interface Row {
  batchId: number;
  line: number;
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

/** `travel:car:electricity` → mode `car`, part `electricity`; `travel:rail` → `rail`, main part. */
function modeOf(source: string): { mode: string; electricity: boolean } {
  const [mode = '', part] = source.slice('travel:'.length).split(':');
  return { mode, electricity: part === 'electricity' };
}

/** One claim line of one mode, from the activities it gave. */
interface Claim {
  mode: string;
  /** Distance of its tailpipe activities, and of its electricity ones (the same trip, told twice). */
  mainKm: number;
  electricityKm: number;
  hasMain: boolean;
  hasElectricity: boolean;
  moneyDerived: boolean;
  reversal: boolean;
}

interface Emitted { kgCo2e: number; wttKgCo2e: number; tdKgCo2e: number }
const noEmissions = (): Emitted => ({ kgCo2e: 0, wttKgCo2e: 0, tdKgCo2e: 0 });

function addEmission(e: Emitted, r: Row): void {
  if (r.companionOf === null) e.kgCo2e += r.kgCo2e;
  else {
    const kind = companionKind(r.factorKey);
    if (kind === 'wtt') e.wttKgCo2e += r.kgCo2e;
    else if (kind === 'td') e.tdKgCo2e += r.kgCo2e;
    // biogenic CO2 is outside the scopes: not a travel figure here
  }
}

export function businessTravel(ledger: Ledger, org: string, period: ReportPeriod): { result: BusinessTravelResult; warnings: TravelWarning[] } {
  const rows = ledger.select<Row>(`
    SELECT a.batch_id AS batchId, a.line, a.source, a.unit, a.quantity, a.kg_co2e AS kgCo2e, a.companion_of AS companionOf, a.factor_key AS factorKey, a.extra_json AS extraJson
    FROM activities a JOIN batches b ON b.id = a.batch_id
    WHERE b.status = 'active' AND a.superseded_by IS NULL AND a.org = ? AND a.source LIKE 'travel:%' AND a.direction = 'import' AND a.period_start >= ? AND a.period_start <= ?
    ORDER BY a.batch_id, a.line, a.id`, [org, period.start, period.end]);
  // Emissions by mode (and of the electricity part), and the claims by file and line.
  const emitted = new Map<string, { all: Emitted; electricity: Emitted }>();
  const claims = new Map<string, Claim>();
  for (const r of rows) {
    const { mode, electricity } = modeOf(r.source);
    let e = emitted.get(mode);
    if (!e) emitted.set(mode, (e = { all: noEmissions(), electricity: noEmissions() }));
    addEmission(e.all, r);
    if (electricity) addEmission(e.electricity, r);
    if (r.companionOf !== null) continue;
    const id = `${r.batchId}:${r.line}:${mode}`;
    let c = claims.get(id);
    if (!c) claims.set(id, (c = { mode, mainKm: 0, electricityKm: 0, hasMain: false, hasElectricity: false, moneyDerived: false, reversal: false }));
    const km = kmOf(r.quantity, r.unit);
    if (electricity) {
      c.hasElectricity = true;
      c.electricityKm += km;
    } else {
      c.hasMain = true;
      c.mainKm += km;
    }
    const extra = r.extraJson === null ? {} : (JSON.parse(r.extraJson) as Record<string, unknown>);
    if (extra.derivedFromAmount === true) c.moneyDerived = true;
    if (extra.reversal === true) c.reversal = true;
  }

  const counts = new Map<string, { lines: number; km: number; moneyDerivedLines: number; moneyDerivedKm: number; reversals: number; electricLines: number; electricKm: number }>();
  for (const c of claims.values()) {
    let n = counts.get(c.mode);
    if (!n) counts.set(c.mode, (n = { lines: 0, km: 0, moneyDerivedLines: 0, moneyDerivedKm: 0, reversals: 0, electricLines: 0, electricKm: 0 }));
    // The trip's distance once: the tailpipe activity's, or the electricity's when that is all there is.
    const km = c.hasMain ? c.mainKm : c.electricityKm;
    n.lines += 1;
    n.km += km;
    if (c.moneyDerived) {
      n.moneyDerivedLines += 1;
      n.moneyDerivedKm += km;
    }
    if (c.reversal) n.reversals += 1;
    if (c.hasElectricity) {
      n.electricLines += 1;
      n.electricKm += km;
    }
  }

  const modes: BusinessTravelMode[] = [...emitted.keys()].sort().map((mode) => {
    const e = emitted.get(mode)!;
    const n = counts.get(mode) ?? { lines: 0, km: 0, moneyDerivedLines: 0, moneyDerivedKm: 0, reversals: 0, electricLines: 0, electricKm: 0 };
    return {
      mode, greyFleet: GREY_FLEET.has(mode), lines: n.lines, km: n.km, ...e.all,
      moneyDerivedLines: n.moneyDerivedLines, moneyDerivedKm: n.moneyDerivedKm, reversals: n.reversals,
      electricity: n.electricLines > 0 ? { lines: n.electricLines, km: n.electricKm, ...e.electricity } : null,
    };
  });
  const totals = (list: readonly BusinessTravelMode[]): BusinessTravelTotals & { moneyDerivedLines: number; moneyDerivedKm: number } => {
    const sum = (k: 'lines' | 'km' | 'kgCo2e' | 'wttKgCo2e' | 'tdKgCo2e' | 'moneyDerivedLines' | 'moneyDerivedKm'): number => list.reduce((s, m) => s + m[k], 0);
    return {
      lines: sum('lines'), km: sum('km'), kgCo2e: sum('kgCo2e'), wttKgCo2e: sum('wttKgCo2e'), tdKgCo2e: sum('tdKgCo2e'),
      moneyDerivedLines: sum('moneyDerivedLines'), moneyDerivedKm: sum('moneyDerivedKm'),
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
