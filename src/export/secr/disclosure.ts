/**
 * The Streamlined Energy and Carbon Reporting (SECR) disclosure of one organisation for one
 * financial year, with the previous year beside it.
 *
 * Sources: The Companies (Directors' Report) and Limited Liability Partnerships (Energy and
 * Carbon Report) Regulations 2018 (SI 2018/1155), which require UK energy use in kWh, the
 * emissions from it in tCO2e, at least one intensity ratio, the previous year's figures, the
 * methodology used and the principal energy efficiency measures taken; and HM Government's
 * "Environmental Reporting Guidelines: including Streamlined Energy and Carbon Reporting
 * guidance" (March 2019), which set out the Scope 1 and 2 content, the optional Scope 3 and the
 * layout. Public bodies not bound by the regulations use the same layout voluntarily.
 *
 * Everything here is computed from the traced lines of `footprint` (commuting left out: it is
 * not part of SECR), so each figure can be traced to file and line like any other.
 */

import { footprint, memberIds, type AnalysisContext, type FootprintWarning } from '../../aggregate/footprint.js';
import type { EmissionLine } from '../../kernel/emission-line.js';
import { periodRange } from '../../aggregate/emissions-query.js';
import { clipLine, financialYearStart } from '../../aggregate/periods.js';
import { EstimatedShare, tierFor, TIER_LABELS, type QualityTier } from '../../aggregate/quality.js';
import { GRID_KEY, kwhOf } from '../../aggregate/market.js';
import { financialYearLabel } from '../../convert/policy.js';
import { UserError } from '../../kernel/errors.js';
import { unknownOrg, type OrganisationConfig } from '../../workspace/config.js';
import { EMISSION_ROWS, ENERGY_ROWS, placeOf, inSecrBoundary, type EmissionRow, type EnergyRow, type Scope3Choice } from './classify.js';
import { lineKwh, type KwhResult } from './energy.js';
import { secrMsg, type ControlApproach } from './secr-text.js';

export interface SecrQuery {
  readonly org: string;
  /** A financial year, `2024/25`. */
  readonly period: string;
  /** Default `grey-fleet`. */
  readonly scope3?: Scope3Choice;
  /** Default `operational`. */
  readonly control?: ControlApproach;
}

/** Activity that could not be expressed in kWh, per source and unit. */
export interface NotInKwh {
  readonly row: EnergyRow;
  readonly source: string;
  readonly unit: string;
  readonly quantity: number;
  readonly reason: string;
}

export interface FactorSetUse {
  readonly year: number;
  readonly publisher: string;
  readonly edition: string;
  /** Lines priced with this set. */
  readonly lines: number;
}

export type IntensityMetric = 'floorAreaM2' | 'staffWte';
/** The intensity metrics SECR asks for first, in order of preference. */
export const INTENSITY_METRICS: readonly IntensityMetric[] = ['floorAreaM2', 'staffWte'];

export interface SecrIntensity {
  readonly metric: IntensityMetric;
  /** null: the config gives none for this year. */
  readonly denominator: number | null;
  readonly kgCo2ePerUnit: number | null;
}

export interface SecrMarket {
  readonly scope2KgCo2e: number;
  /** The total with Scope 2 market-based. */
  readonly totalKgCo2e: number;
  readonly supplierKwh: number;
  readonly gridFallbackKwh: number;
}

export interface SecrGap {
  readonly site: string | null;
  readonly source: string;
  readonly missingMonths: readonly string[];
}

export interface SecrYear {
  /** `2024/25`. */
  readonly label: string;
  readonly from: string;
  readonly to: string;
  /** Lines (or parts of lines) counted inside the boundary. */
  readonly lines: number;
  readonly energyKwh: Readonly<Record<EnergyRow, number>>;
  readonly totalKwh: number;
  readonly notInKwh: readonly NotInKwh[];
  readonly kgCo2e: Readonly<Record<EmissionRow, number>>;
  readonly scope1KgCo2e: number;
  readonly scope2KgCo2e: number;
  readonly scope3KgCo2e: number;
  /** Scopes 1, 2 (location-based) and the Scope 3 chosen. */
  readonly totalKgCo2e: number;
  /** null: no supplier-specific factor was used in the year. */
  readonly market: SecrMarket | null;
  readonly biogenicKgCo2e: number;
  /** Scope 3 held for the organisation but outside this disclosure. */
  readonly outsideKgCo2e: number;
  readonly estimatedShare: number;
  readonly tier: QualityTier;
  readonly tierLabel: string;
  readonly gaps: readonly SecrGap[];
  readonly intensity: readonly SecrIntensity[];
  readonly factorSets: readonly FactorSetUse[];
  readonly customFactorLines: number;
  /** Factor-year policies the counted lines were priced under (`financial-year` as imported by default). */
  readonly policies: readonly string[];
  readonly suppliers: readonly { readonly supplier: string; readonly source: string }[];
}

export interface SecrDisclosure {
  readonly org: { readonly id: string; readonly name: string };
  /** The organisations whose figures are summed (an ICS's members, or the organisation itself). */
  readonly members: readonly string[];
  readonly scope3: Scope3Choice;
  readonly control: ControlApproach;
  readonly thisYear: SecrYear;
  /** null: nothing is held for the previous year. */
  readonly previousYear: SecrYear | null;
  readonly warnings: readonly FootprintWarning[];
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function intensityOf(org: OrganisationConfig, label: string, totalKgCo2e: number): SecrIntensity[] {
  const d = org.denominators.find((x) => x.year === label);
  return INTENSITY_METRICS.map((metric) => {
    const denominator = d?.[metric] ?? null;
    return { metric, denominator, kgCo2ePerUnit: denominator === null ? null : totalKgCo2e / denominator };
  });
}

interface YearInput {
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly lines: readonly EmissionLine[];
  readonly marketLines: readonly EmissionLine[];
  readonly gaps: readonly SecrGap[];
}

function yearFigures(ctx: AnalysisContext, org: OrganisationConfig, scope3: Scope3Choice, y: YearInput, kwhCache: Map<string, KwhResult>): SecrYear {
  const energy = zeros(ENERGY_ROWS);
  const kg = zeros(EMISSION_ROWS);
  const notInKwh = new Map<string, { row: EnergyRow; source: string; unit: string; quantity: number; reason: string }>();
  const share = new EstimatedShare();
  const sets = new Map<string, { year: number; publisher: string; edition: string; lines: number }>();
  let counted = 0;
  let biogenic = 0;
  let outside = 0;
  let custom = 0;
  const policies = new Set<string>();
  for (const whole of y.lines) {
    const line = clipLine(whole, y.from, y.to);
    if (line === undefined) continue;
    const place = placeOf(line, scope3);
    if (place.kind === 'biogenic') {
      biogenic += line.kgCo2e;
      continue;
    }
    if (place.kind === 'out') {
      if (line.basis === 'location' && line.scope === 3) outside += line.kgCo2e;
      continue;
    }
    counted += 1;
    kg[place.emission] += line.kgCo2e;
    share.add(line);
    policies.add(line.policy);
    if (line.factorCustom) custom += 1;
    else {
      const id = `${line.factorYear}|${line.factorEdition}`;
      const s = sets.get(id) ?? { year: line.factorYear, publisher: ctx.library.sets.get(line.factorYear)?.publisher ?? 'UK Government', edition: line.factorEdition, lines: 0 };
      s.lines += 1;
      sets.set(id, s);
    }
    if (place.energy === null) continue;
    const e = lineKwh(line, ctx.library, kwhCache);
    if (e.kind === 'kwh') energy[place.energy] += e.kwh;
    else {
      const id = `${place.energy}|${line.source}|${line.unit}`;
      const n = notInKwh.get(id) ?? { row: place.energy, source: line.source, unit: line.unit, quantity: 0, reason: e.reason };
      n.quantity += line.quantity;
      notInKwh.set(id, n);
    }
  }
  const scope1 = kg['scope1.gas'] + kg['scope1.otherFuels'] + kg['scope1.transport'] + kg['scope1.other'];
  const scope2 = kg['scope2.electricity'] + kg['scope2.heat'];
  const scope3Kg = kg['scope3.greyFleet'] + kg['scope3.td'] + kg['scope3.wtt'];
  const total = scope1 + scope2 + scope3Kg;

  const { market, suppliers } = marketFigures(y, scope3, total - scope2);

  const estimatedShare = share.share;
  const tier = tierFor(estimatedShare);
  const rows = [...notInKwh.values()].sort((a, b) => ENERGY_ROWS.indexOf(a.row) - ENERGY_ROWS.indexOf(b.row) || a.source.localeCompare(b.source) || a.unit.localeCompare(b.unit));
  return {
    label: y.label, from: y.from, to: y.to, lines: counted,
    energyKwh: energy, totalKwh: ENERGY_ROWS.reduce((s, r) => s + energy[r], 0), notInKwh: rows,
    kgCo2e: kg, scope1KgCo2e: scope1, scope2KgCo2e: scope2, scope3KgCo2e: scope3Kg, totalKgCo2e: total, market,
    biogenicKgCo2e: biogenic, outsideKgCo2e: outside,
    estimatedShare, tier, tierLabel: TIER_LABELS[tier], gaps: y.gaps,
    intensity: intensityOf(org, y.label, total),
    factorSets: [...sets.values()].sort((a, b) => a.year - b.year || a.edition.localeCompare(b.edition)),
    customFactorLines: custom,
    policies: [...policies].sort(),
    suppliers,
  };
}

/**
 * Scope 2 market-based, where the year used a supplier-specific factor (else `market` is null),
 * with the kWh priced by suppliers and by the residual grid factor, and the suppliers named.
 */
function marketFigures(y: YearInput, scope3: Scope3Choice, totalWithoutScope2KgCo2e: number): { market: SecrMarket | null; suppliers: SecrYear['suppliers'] } {
  const suppliers = new Map<string, { supplier: string; source: string }>();
  let market: SecrMarket | null = null;
  const marketParts = y.marketLines.flatMap((l) => clipLine(l, y.from, y.to) ?? []).filter((l) => inSecrBoundary(l.source, scope3));
  if (marketParts.some((l) => l.marketFactor !== undefined)) {
    let scope2Market = 0;
    let supplierKwh = 0;
    let gridFallbackKwh = 0;
    for (const l of marketParts) {
      scope2Market += l.kgCo2e;
      const kwh = kwhOf(l.quantity, l.unit);
      if (l.marketFactor) {
        suppliers.set(`${l.marketFactor.supplier}|${l.marketFactor.source}`, { supplier: l.marketFactor.supplier, source: l.marketFactor.source });
        if (kwh !== undefined) supplierKwh += kwh;
      } else if (kwh !== undefined && l.factorKey === GRID_KEY) gridFallbackKwh += kwh;
    }
    market = { scope2KgCo2e: scope2Market, totalKgCo2e: totalWithoutScope2KgCo2e + scope2Market, supplierKwh, gridFallbackKwh };
  }
  return { market, suppliers: [...suppliers.values()].sort((a, b) => a.supplier.localeCompare(b.supplier) || a.source.localeCompare(b.source)) };
}

export function secrDisclosure(ctx: AnalysisContext, q: SecrQuery): SecrDisclosure {
  const org = ctx.config.organisations.find((o) => o.id === q.org);
  if (org === undefined) {
    throw unknownOrg([q.org], ctx.config);
  }
  const range = periodRange(q.period);
  if (range.basis !== 'financial') throw new UserError('secr_needs_financial_year', secrMsg.notFinancialYear(q.period), secrMsg.notFinancialYearHint);
  const scope3 = q.scope3 ?? 'grey-fleet';
  const control = q.control ?? 'operational';
  const start = financialYearStart(q.period);
  const previous = { label: financialYearLabel(start - 1), from: `${start - 1}-04-01`, to: `${start}-03-31` };
  const members = memberIds(ctx.config, org.id);
  // One read for both years; commuting is not part of SECR.
  const fp = footprint(ctx, { orgs: members, from: previous.from, to: range.to, commuting: false });
  const gapsOf = (label: string): SecrGap[] => fp.coverage
    .filter((c) => c.year === label && c.missingMonths.length > 0 && inSecrBoundary(c.source, scope3))
    .map((c) => ({ site: c.site, source: c.source, missingMonths: c.missingMonths }));
  const cache = new Map<string, KwhResult>();
  const year = (label: string, from: string, to: string): SecrYear => yearFigures(ctx, org, scope3, { label, from, to, lines: fp.lines, marketLines: fp.marketLines, gaps: gapsOf(label) }, cache);
  const thisYear = year(q.period, range.from, range.to);
  if (thisYear.lines === 0) throw new UserError('secr_no_data', secrMsg.noThisYear(org.id, q.period), secrMsg.noThisYearHint);
  if (thisYear.intensity.every((i) => i.denominator === null)) throw new UserError('secr_no_denominator', secrMsg.noDenominator(org.id, q.period), secrMsg.noDenominatorHint(q.period));
  const before = year(previous.label, previous.from, previous.to);
  return {
    org: { id: org.id, name: org.name }, members, scope3, control, thisYear,
    previousYear: before.lines === 0 ? null : before,
    warnings: fp.warnings,
  };
}
