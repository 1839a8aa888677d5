/**
 * Totals of emission lines, grouped by any of period, organisation, site, source, scope and data
 * quality.
 *
 * The boundary is explicit and stated in every result:
 * - Well-to-tank and T&D losses (Scope 3 category 3) are EXCLUDED by default: the headline then
 *   matches statutory energy and carbon reporting (SECR) and Greener NHS "electricity"
 *   (generation only). `includeTd` adds T&D losses, `includeWtt` adds well-to-tank; the WTT of
 *   T&D losses counts only when both are on (the former NHS portal's "total" convention). What
 *   the boundary leaves out is still reported (`excludedKgCo2e`), never lost.
 * - Outside-of-scopes biogenic CO2 is always reported separately and never added to a total.
 * - Location-based Scope 2 is the total; where market-based lines are given, each group also
 *   carries the market-based figure beside it.
 * - Lines spanning a period boundary are split by days, pro rata (`periods.ts`).
 */

import { DEFAULT_BOUNDARY, type EmissionLine, type FillMethodName } from '../kernel/emission-line.js';
import { GRID_KEY, kwhOf } from './market.js';
import { DEFAULT_PERIOD, periodBounds, periodLabel, splitByPeriod, type PeriodKind } from './periods.js';
import { EstimatedShare, estimatedPortion, tierFor, TIER_LABELS, type QualityTier } from './quality.js';

export type GroupDimension = 'period' | 'org' | 'site' | 'source' | 'sourceGroup' | 'scope' | 'quality';

export interface AggregateOptions {
  /** Default: by period only. */
  readonly groupBy?: readonly GroupDimension[];
  /** Default: financial year (April–March, `2024/25`). */
  readonly period?: PeriodKind;
  /** Add well-to-tank (Scope 3 category 3). Default false. */
  readonly includeWtt?: boolean;
  /** Add electricity T&D losses (Scope 3 category 3). Default false. */
  readonly includeTd?: boolean;
}

export interface Boundary {
  readonly includeWtt: boolean;
  readonly includeTd: boolean;
  /** Always true: biogenic CO2 is reported beside the total, never in it. */
  readonly outsideScopesSeparate: true;
  /** Always location-based; the market-based figure is given beside it where there are market lines. */
  readonly scope2Headline: 'location';
}

export type GroupKey = Readonly<Partial<Record<GroupDimension, string>>>;

export interface ScopeTotal {
  readonly scope: 1 | 2 | 3;
  readonly category: number | null;
  readonly kgCo2e: number;
}

export interface QuantityTotal {
  readonly source: string;
  readonly unit: string;
  readonly quantity: number;
  /** The part of `quantity` from estimated reads (or filled). */
  readonly estimatedQuantity: number;
}

export interface MarketTotal {
  /** The total with Scope 2 market-based. */
  readonly kgCo2e: number;
  readonly scope2KgCo2e: number;
  /** kWh priced by a supplier factor, and kWh that fell back to the grid factor. */
  readonly supplierKwh: number;
  readonly gridFallbackKwh: number;
}

export interface GroupTotal {
  readonly key: GroupKey;
  /** Scopes 1–3 inside the boundary, Scope 2 location-based. */
  readonly kgCo2e: number;
  readonly scopes: readonly ScopeTotal[];
  readonly scope2LocationKgCo2e: number;
  readonly market: MarketTotal | null;
  /** Biogenic CO2: reported, never in `kgCo2e`. */
  readonly outsideScopesKgCo2e: number;
  /** What the boundary left out. */
  readonly excludedKgCo2e: { readonly wtt: number; readonly td: number };
  /** Activity quantities of the main lines (not repeated for companions). */
  readonly quantities: readonly QuantityTotal[];
  /** Emissions-weighted share of `kgCo2e` resting on estimates, and its tier (`quality.ts`). */
  readonly estimatedShare: number;
  readonly tier: QualityTier;
  readonly tierLabel: string;
  /** The part of `kgCo2e` from gap-filled lines. */
  readonly filledKgCo2e: number;
  /** Factor policies of the lines counted (more than one: the figure mixes methods). */
  readonly policies: readonly string[];
  /** Ledger lines counted, a summed line as the rows it sums (a line split across periods counts in each). */
  readonly lines: number;
}

export interface AggregateResult {
  readonly boundary: Boundary;
  readonly period: PeriodKind;
  readonly groupBy: readonly GroupDimension[];
  readonly groups: GroupTotal[];
  readonly total: GroupTotal;
  /** Gap-fill methods behind any filled lines counted; empty when nothing was filled. */
  readonly fillMethods: readonly FillMethodName[];
}

export function scopeLabel(scope: 1 | 2 | 3 | null, category: number | null): string {
  if (scope === null) return 'Outside of scopes';
  return category === null ? `Scope ${scope}` : `Scope ${scope} category ${category}`;
}

/** `fleet:van:electricity` → `fleet`. */
export function sourceGroup(source: string): string {
  const i = source.indexOf(':');
  return i < 0 ? source : source.slice(0, i);
}

function qualityOf(line: EmissionLine): string {
  if (line.filled !== undefined) return 'filled';
  return estimatedPortion(line) > 0 ? 'estimated' : 'measured';
}

function keyPart(d: GroupDimension, line: EmissionLine, period: string): string {
  switch (d) {
    case 'period': return period;
    case 'org': return line.org;
    case 'site': return line.site ?? '(no site)';
    case 'source': return line.source;
    case 'sourceGroup': return sourceGroup(line.source);
    case 'scope': return scopeLabel(line.scope, line.scopeCategory);
    case 'quality': return qualityOf(line);
  }
}

/** Whether a companion line counts under the boundary. */
export function inBoundary(line: EmissionLine, boundary: Pick<Boundary, 'includeWtt' | 'includeTd'>): boolean {
  if (line.kind === 'td') return boundary.includeTd;
  if (line.kind === 'wtt') return line.factorKey.includes('td_losses') ? boundary.includeTd && boundary.includeWtt : boundary.includeWtt;
  return true;
}

class Acc {
  kgCo2e = 0;
  scope2Location = 0;
  scope2Market = 0;
  hasMarket = false;
  supplierKwh = 0;
  gridFallbackKwh = 0;
  outside = 0;
  wtt = 0;
  td = 0;
  filled = 0;
  lines = 0;
  // Keyed without building a string per line (a million lines, four accumulators each in `emissions`).
  readonly scopes = new Map<number, { scope: 1 | 2 | 3; category: number | null; kgCo2e: number }>();
  readonly quantities = new Map<string, Map<string, { source: string; unit: string; quantity: number; estimatedQuantity: number }>>();
  readonly share = new EstimatedShare();
  readonly policies = new Set<string>();
  readonly fills = new Set<FillMethodName>();

  constructor(readonly key: GroupKey) {}

  add(line: EmissionLine, boundary: Boundary): void {
    this.lines += line.ledgerLines ?? 1;
    if (line.basis === 'market') {
      this.hasMarket = true;
      this.scope2Market += line.kgCo2e;
      const kwh = kwhOf(line.quantity, line.unit);
      if (kwh !== undefined && line.marketFactor) this.supplierKwh += kwh;
      else if (kwh !== undefined && line.factorKey === GRID_KEY) this.gridFallbackKwh += kwh;
      return;
    }
    if (line.scope === null) {
      this.outside += line.kgCo2e;
      return;
    }
    if (!inBoundary(line, boundary)) {
      if (line.kind === 'td') this.td += line.kgCo2e;
      else this.wtt += line.kgCo2e;
      return;
    }
    this.kgCo2e += line.kgCo2e;
    if (line.scope === 2) this.scope2Location += line.kgCo2e;
    // Categories are 1–15 (GHG Protocol Scope 3); -1 stands for none.
    const sk = line.scope * 1000 + (line.scopeCategory ?? -1);
    let s = this.scopes.get(sk);
    if (s === undefined) this.scopes.set(sk, (s = { scope: line.scope, category: line.scopeCategory, kgCo2e: 0 }));
    s.kgCo2e += line.kgCo2e;
    this.share.add(line);
    this.policies.add(line.policy);
    if (line.filled !== undefined) {
      this.filled += line.kgCo2e;
      this.fills.add(line.filled);
    }
    if (line.kind === 'main') {
      let units = this.quantities.get(line.source);
      if (units === undefined) this.quantities.set(line.source, (units = new Map<string, { source: string; unit: string; quantity: number; estimatedQuantity: number }>()));
      let q = units.get(line.unit);
      if (q === undefined) units.set(line.unit, (q = { source: line.source, unit: line.unit, quantity: 0, estimatedQuantity: 0 }));
      q.quantity += line.quantity;
      q.estimatedQuantity += line.quantity * estimatedPortion(line);
    }
  }

  result(): GroupTotal {
    const share = this.share.share;
    const tier = tierFor(share);
    return {
      key: this.key,
      kgCo2e: this.kgCo2e,
      scopes: [...this.scopes.values()].sort((a, b) => a.scope - b.scope || (a.category ?? 0) - (b.category ?? 0)),
      scope2LocationKgCo2e: this.scope2Location,
      market: this.hasMarket
        ? { kgCo2e: this.kgCo2e - this.scope2Location + this.scope2Market, scope2KgCo2e: this.scope2Market, supplierKwh: this.supplierKwh, gridFallbackKwh: this.gridFallbackKwh }
        : null,
      outsideScopesKgCo2e: this.outside,
      excludedKgCo2e: { wtt: this.wtt, td: this.td },
      quantities: [...this.quantities.values()].flatMap((units) => [...units.values()]).sort((a, b) => a.source.localeCompare(b.source) || a.unit.localeCompare(b.unit)),
      estimatedShare: share,
      tier,
      tierLabel: TIER_LABELS[tier],
      filledKgCo2e: this.filled,
      policies: [...this.policies].sort(),
      lines: this.lines,
    };
  }
}

/** Groups lines into totals; `total` covers every line given. */
export function aggregate(lines: readonly EmissionLine[], options: AggregateOptions = {}): AggregateResult {
  const groupBy = options.groupBy ?? ['period'];
  const period = options.period ?? DEFAULT_PERIOD;
  const boundary: Boundary = { ...DEFAULT_BOUNDARY, includeWtt: options.includeWtt ?? DEFAULT_BOUNDARY.includeWtt, includeTd: options.includeTd ?? DEFAULT_BOUNDARY.includeTd };
  const groups = new Map<string, Acc>();
  const total = new Acc({});
  const byPeriod = groupBy.includes('period');
  // The period a line lies in, by its first day: a million lines start on a few hundred days, and
  // working out a period's bounds and label makes strings.
  const periods = new Map<string, { end: string; label: string }>();
  const whole = (line: EmissionLine): { period: string; line: EmissionLine }[] | undefined => {
    let p = periods.get(line.periodStart);
    if (p === undefined) periods.set(line.periodStart, (p = { end: periodBounds(line.periodStart, period).end, label: periodLabel(line.periodStart, period) }));
    return line.periodEnd <= p.end ? [{ period: p.label, line }] : undefined;
  };
  for (const line of lines) {
    total.add(line, boundary);
    const parts = byPeriod ? whole(line) ?? splitByPeriod(line, period) : [{ period: '', line }];
    for (const part of parts) {
      let id = groupBy.length === 0 ? '' : keyPart(groupBy[0]!, part.line, part.period);
      for (let i = 1; i < groupBy.length; i++) id += `\u0000${keyPart(groupBy[i]!, part.line, part.period)}`;
      let acc = groups.get(id);
      if (!acc) {
        const key: Partial<Record<GroupDimension, string>> = {};
        for (const d of groupBy) key[d] = keyPart(d, part.line, part.period);
        groups.set(id, (acc = new Acc(key)));
      }
      acc.add(part.line, boundary);
    }
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, acc]) => acc.result());
  return { boundary, period, groupBy, groups: sorted, total: total.result(), fillMethods: [...total.fills].sort() };
}
