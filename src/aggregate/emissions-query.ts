/**
 * `tco2e emissions`: how much an organisation emitted, from what, in which scope, and how sure
 * the figures are. Totals are location-based (what NHS and SECR reporting use) with the
 * market-based figure beside them wherever the config gives supplier factors.
 */

import { unknownOrg } from '../workspace/config.js';
import type { FactorPolicy } from '../convert/policy.js';
import { UserError } from '../kernel/errors.js';
import { UPSTREAM_NOT_PUBLISHED } from '../travel/engine.js';
import { parseFinancialYear } from '../travel/period.js';
import { ukDate } from './periods.js';
import { aggregate, type AggregateResult, type GroupDimension } from './group.js';
import { footprint, memberIds, organisationsById, type AnalysisContext, type FootprintWarning } from './footprint.js';
import type { FillMethod } from './fill.js';
import { intensities, type IntensityRow } from './intensity.js';
import { rejectedRows, type RejectedRows } from './coverage.js';
import type { CoverageRow } from './coverage.js';
import type { PeriodKind } from './periods.js';

export type EmissionsBy = 'year' | 'quarter' | 'month' | 'source' | 'scope' | 'site' | 'org' | 'quality';

export interface EmissionsQuery {
  readonly org: string;
  /** `2024/25` (financial), `2024` (calendar) or undefined for everything held. */
  readonly period?: string;
  readonly by: EmissionsBy;
  /** Years are financial (April–March) unless calendar is asked for. */
  readonly yearBasis: 'financial' | 'calendar';
  readonly scope2: 'location' | 'market';
  /** Include well-to-tank and T&D losses (Scope 3 category 3). */
  readonly wtt: boolean;
  readonly fill: FillMethod;
  readonly policy?: FactorPolicy;
  /** When the question is asked: months after it are not gaps (default: the clock's today, UK). */
  readonly now?: Date;
}

export interface EmissionsReport {
  readonly query: EmissionsQuery;
  readonly orgs: readonly string[];
  readonly from: string | null;
  readonly to: string | null;
  readonly result: AggregateResult;
  /** Per organisation and year (of the query's basis). */
  readonly intensity: readonly IntensityRow[];
  readonly coverage: readonly CoverageRow[];
  readonly rejected: readonly RejectedRows[];
  readonly warnings: readonly FootprintWarning[];
}

/**
 * `2024/25` (or `2024-25`, `2024/2025`, `FY24/25`…) → April 2024 to March 2025; `2024` → the
 * calendar year.
 */
export function periodRange(period: string): { from: string; to: string; basis: 'financial' | 'calendar' } {
  const fy = parseFinancialYear(period);
  if (fy !== undefined) return { from: `${fy}-04-01`, to: `${fy + 1}-03-31`, basis: 'financial' };
  if (/^\d{4}$/.test(period.trim())) return { from: `${period.trim()}-01-01`, to: `${period.trim()}-12-31`, basis: 'calendar' };
  throw new UserError('bad_period', `"${period}" is not a period tco2e understands.`, 'Give a financial year like 2024/25 (or 2024-25, FY24/25) or a calendar year like 2024.');
}

const DIMENSIONS: Readonly<Record<EmissionsBy, { groupBy: GroupDimension[]; period?: PeriodKind }>> = {
  year: { groupBy: ['period'] },
  quarter: { groupBy: ['period'], period: 'quarter' },
  month: { groupBy: ['period'], period: 'month' },
  source: { groupBy: ['sourceGroup', 'source'] },
  scope: { groupBy: ['scope'] },
  site: { groupBy: ['site'] },
  org: { groupBy: ['org'] },
  quality: { groupBy: ['quality'] },
};

export function emissionsReport(ctx: AnalysisContext, q: EmissionsQuery): EmissionsReport {
  if (!ctx.config.organisations.some((o) => o.id === q.org)) {
    throw unknownOrg([q.org], ctx.config);
  }
  const orgs = memberIds(ctx.config, q.org);
  const range = q.period === undefined ? undefined : periodRange(q.period);
  // Summed lines give the same totals as reading each ledger row, for a fraction of the reading;
  // quality sorts each ledger line by whether it rests on estimates, so it reads them one by one.
  const grain = q.by === 'quality' ? 'line' : q.by === 'site' ? 'summed-site' : 'summed';
  const asOf = ukDate(q.now ?? new Date());
  const fp = footprint(ctx, { orgs, ...(range ? { from: range.from, to: range.to } : {}), fill: q.fill, grain, asOf, ...(q.policy ? { policy: q.policy } : {}) });
  const dim = DIMENSIONS[q.by];
  const yearKind: PeriodKind = q.yearBasis === 'calendar' ? 'calendar-year' : 'financial-year';
  const periodKind: PeriodKind = dim.period === 'quarter' && q.yearBasis === 'calendar' ? 'calendar-quarter' : (dim.period ?? yearKind);
  const all = [...fp.lines, ...fp.marketLines];
  const result = aggregate(all, { groupBy: dim.groupBy, period: periodKind, includeWtt: q.wtt, includeTd: q.wtt });
  // Intensity is per organisation and financial year (the denominators in the config are).
  const byYear = aggregate(all, { groupBy: ['org', 'period'], period: 'financial-year', includeWtt: q.wtt, includeTd: q.wtt });
  const totals = byYear.groups.map((g) => ({ org: g.key.org ?? q.org, year: g.key.period ?? '', kgCo2e: q.scope2 === 'market' && g.market ? g.market.kgCo2e : g.kgCo2e }));
  const intensity = intensities(totals, organisationsById(ctx.config, orgs));
  return {
    query: q,
    orgs,
    from: range?.from ?? null,
    to: range?.to ?? null,
    result,
    intensity: intensity.rows,
    coverage: fp.coverage,
    rejected: rejectedRows(ctx.ledger, fp.batches.map((b) => b.id)),
    // Without WTT and T&D in the boundary, a year's set lacking them takes nothing away.
    warnings: [...fp.warnings.filter((w) => q.wtt || w.code !== UPSTREAM_NOT_PUBLISHED), ...intensity.warnings.map((w) => ({ code: w.code, message: w.message }))],
  };
}
