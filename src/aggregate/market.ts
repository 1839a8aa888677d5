/**
 * Market-based Scope 2 (GHG Protocol Scope 2 Guidance, 2015): electricity priced with the
 * supplier-specific factor the organisation declares in its config (`marketFactors`: a fuel mix
 * disclosure or a REGO-backed tariff, for a date range and optionally some meters or sites).
 *
 * Where no supplier factor covers a meter and day, the market-based line uses the grid factor,
 * and says so: per line (no `marketFactor`, a trace note) and in the totals (kWh priced by a
 * supplier factor against kWh that fell back to the grid). The guidance would use a residual mix
 * there; the UK publishes none in the government factor set, so the grid factor is the honest
 * fallback, stated as such. Location-based (the grid factor) stays the headline, as NHS and
 * SECR reporting use it; the market-based figure is shown beside it.
 *
 * Every Scope 2 main line gets a market-based counterpart, so the two Scope 2 totals cover the
 * same activities: grid electricity may take a supplier factor; heat and steam and the electricity
 * of electric vehicles (per km) keep their location figure. T&D losses and well-to-tank stay
 * location-based (Scope 3 category 3 is not part of the Scope 2 dual reporting).
 */

import { convertQuantity, dimensionOf, UNIT_IDS, type UnitId } from '../units/units.js';
import type { OrganisationConfig } from '../workspace/config.js';
import type { EmissionLine, MarketFactorRef } from '../kernel/emission-line.js';
import { aggMsg, type AggregateWarning } from './warnings.js';
import { clipLine, dayNumber, isoFromDay } from './periods.js';

type MarketFactor = OrganisationConfig['marketFactors'][number];

/** The factor key of grid electricity, the only one a supplier factor replaces. */
export const GRID_KEY = 'electricity.grid';

export interface MarketCoverage {
  readonly org: string;
  /** kWh priced with a supplier-specific factor. */
  readonly supplierKwh: number;
  /** kWh of grid electricity no supplier factor covered: priced with the grid factor. */
  readonly gridFallbackKwh: number;
  readonly suppliers: readonly string[];
}

export interface MarketResult {
  /** Market-based counterparts of the Scope 2 lines (basis `market`). */
  readonly lines: EmissionLine[];
  readonly coverage: MarketCoverage[];
  readonly warnings: AggregateWarning[];
}

/** A quantity in kWh, or undefined when its unit is not energy. */
export function kwhOf(quantity: number, unit: string): number | undefined {
  if (!(UNIT_IDS as readonly string[]).includes(unit)) return undefined;
  const u = unit as UnitId;
  return dimensionOf(u) === 'energy' ? convertQuantity(quantity, u, 'kWh') : undefined;
}

/** How specifically a factor names a line: 3 by meter, 2 by site, 1 for the whole organisation, 0 not at all. */
function reach(f: MarketFactor, line: EmissionLine, siteIds: ReadonlySet<string>): number {
  if (f.meters !== undefined && line.meter !== null && f.meters.includes(line.meter)) return 3;
  if (f.sites?.some((s) => siteIds.has(s))) return 2;
  if (f.meters === undefined && f.sites === undefined) return 1;
  return 0;
}

/** The config's site ids a line belongs to: by id, by name, or by its meter. */
function siteIdsOf(org: OrganisationConfig, line: EmissionLine): Set<string> {
  return new Set(org.sites.filter((s) => s.id === line.site || s.name === line.site || (line.meter !== null && s.meters.includes(line.meter))).map((s) => s.id));
}

function ref(f: MarketFactor): MarketFactorRef {
  return { supplier: f.supplier, from: f.from, to: f.to, kgCo2ePerKwh: f.kgCo2ePerKwh, source: f.source };
}

function gridLine(line: EmissionLine): EmissionLine {
  return { ...line, basis: 'market', trace: { ...line.trace, note: line.trace.note === undefined ? aggMsg.gridFallbackNote : `${line.trace.note}; ${aggMsg.gridFallbackNote}` } };
}

function supplierLine(part: EmissionLine, kwh: number, f: MarketFactor): EmissionLine {
  const note = aggMsg.supplierNote(f.supplier, f.source);
  return {
    ...part, basis: 'market', factorKey: `supplier:${f.supplier}`, factorYear: Number(f.from.slice(0, 4)), factorEdition: f.source,
    factorUnit: 'kWh', factorKgPerUnit: f.kgCo2ePerKwh, factorCustom: true,
    kgCo2e: kwh * f.kgCo2ePerKwh, kgCo2: null, kgCh4: null, kgN2o: null, marketFactor: ref(f),
    trace: { ...part.trace, note: part.trace.note === undefined ? note : `${part.trace.note}; ${note}` },
  };
}

/**
 * Prices location-based lines one at a time with the organisations' supplier factors, keeping
 * the coverage and warnings of everything priced so far: a reader that writes lines as it reads
 * them (`export lines`) never holds them all.
 */
export class MarketPricer {
  private readonly byId: ReadonlyMap<string, OrganisationConfig>;
  private readonly cover = new Map<string, { supplierKwh: number; gridFallbackKwh: number; suppliers: Set<string> }>();
  private readonly overlaps = new Map<string, AggregateWarning>();

  constructor(orgs: readonly OrganisationConfig[]) {
    this.byId = new Map(orgs.map((o) => [o.id, o]));
  }

  /** The market-based counterparts of a line: none unless it is a location-based Scope 2 main line. */
  price(line: EmissionLine): EmissionLine[] {
    if (line.basis !== 'location' || line.scope !== 2 || line.kind !== 'main') return [];
    const c = this.cover.get(line.org) ?? { supplierKwh: 0, gridFallbackKwh: 0, suppliers: new Set<string>() };
    this.cover.set(line.org, c);
    const org = this.byId.get(line.org);
    const kwh = kwhOf(line.quantity, line.unit);
    if (line.factorKey !== GRID_KEY || kwh === undefined || org === undefined || org.marketFactors.length === 0) {
      if (line.factorKey === GRID_KEY && kwh !== undefined) c.gridFallbackKwh += kwh;
      return [gridLine(line)];
    }
    const out: EmissionLine[] = [];
    const siteIds = siteIdsOf(org, line);
    const applicable = org.marketFactors
      .map((f, index) => ({ f, index, rank: reach(f, line, siteIds) }))
      .filter((x) => x.rank > 0 && x.f.from <= line.periodEnd && x.f.to >= line.periodStart);
    // Cut the line where a factor starts or ends, so each piece has one factor (or none) all through.
    const cuts = new Set<number>([dayNumber(line.periodStart), dayNumber(line.periodEnd) + 1]);
    for (const { f } of applicable) {
      cuts.add(Math.max(dayNumber(f.from), dayNumber(line.periodStart)));
      cuts.add(Math.min(dayNumber(f.to), dayNumber(line.periodEnd)) + 1);
    }
    const sorted = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const start = isoFromDay(sorted[i]!);
      const end = isoFromDay(sorted[i + 1]! - 1);
      const part = clipLine(line, start, end)!;
      const partKwh = kwhOf(part.quantity, part.unit)!;
      const covering = applicable.filter((x) => x.f.from <= start && x.f.to >= end).sort((a, b) => b.rank - a.rank || a.index - b.index);
      const best = covering[0];
      if (best === undefined) {
        out.push(gridLine(part));
        c.gridFallbackKwh += partKwh;
        continue;
      }
      const rival = covering[1];
      if (rival !== undefined && rival.rank === best.rank) {
        const id = `${line.org}|${line.meter ?? ''}|${best.index}|${rival.index}`;
        this.overlaps.set(id, {
          code: 'market_factor_overlap', message: aggMsg.marketOverlap(line.meter ?? line.site ?? line.org, best.f.supplier, rival.f.supplier),
          about: { org: line.org, meter: line.meter ?? '', used: best.f.supplier, ignored: rival.f.supplier },
        });
      }
      out.push(supplierLine(part, partKwh, best.f));
      c.supplierKwh += partKwh;
      c.suppliers.add(best.f.supplier);
    }
    return out;
  }

  /** Per organisation with Scope 2 lines priced so far, what was priced how. */
  coverage(): MarketCoverage[] {
    return [...this.cover].sort(([a], [b]) => a.localeCompare(b)).map(([org, c]) => ({ org, supplierKwh: c.supplierKwh, gridFallbackKwh: c.gridFallbackKwh, suppliers: [...c.suppliers].sort() }));
  }

  warnings(): AggregateWarning[] {
    return [...this.overlaps.values()];
  }
}

/** Market-based lines for the location-based Scope 2 lines given, with the organisations' supplier factors. */
export function marketBasedLines(lines: readonly EmissionLine[], orgs: readonly OrganisationConfig[]): MarketResult {
  const pricer = new MarketPricer(orgs);
  const out: EmissionLine[] = [];
  for (const line of lines) for (const m of pricer.price(line)) out.push(m);
  return { lines: out, coverage: pricer.coverage(), warnings: pricer.warnings() };
}
