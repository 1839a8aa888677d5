/**
 * `tco2e compare`: organisations side by side, fairly. Each trajectory is indexed to its own
 * baseline (= 100), shown absolute and per denominator, with the rows that are not comparable
 * flagged (mixed factor policies, different scope coverage, poor data quality), an ICS as the sum
 * of its members, and who is on track for which of their targets.
 */

import { unknownOrg } from '../workspace/config.js';
import { compareOrganisations, type CompareResult } from '../aggregate/org-series.js';
import { footprint, footprintSubset, memberIds, type AnalysisContext, type Footprint } from '../aggregate/footprint.js';
import { fixedPolicy } from '../convert/policy.js';
import { UserError } from '../kernel/errors.js';
import { progressFromLedger } from './from-ledger.js';
import { loadPresets } from './presets.js';
import type { Status } from './types.js';
import { yearLabel } from './years.js';

export interface TargetStanding {
  readonly org: string;
  readonly target: string;
  readonly name: string;
  readonly year: string | null;
  readonly status: Status | null;
  readonly gapPctPoints: number | null;
  /** The first year the recent trend reaches the target level, if it does (`2031/32` or `2031`). */
  readonly trendReaches: string | null;
}

export interface CompareReport extends CompareResult {
  readonly orgs: readonly string[];
  /** One row per organisation and target, best standing first within each status. */
  readonly standings: readonly TargetStanding[];
}

export interface CompareQuery {
  readonly orgs: readonly string[];
  /** A common baseline year (`2019/20`); default: each organisation's first year with data. */
  readonly baselineYear?: string;
  readonly calendar?: boolean;
}

const STATUS_ORDER: Readonly<Record<Status, number>> = { 'on-track': 0, 'at-risk': 1, 'off-track': 2 };

export function compareReport(ctx: AnalysisContext, q: CompareQuery): CompareReport {
  const known = new Set(ctx.config.organisations.map((o) => o.id));
  const unknown = q.orgs.filter((o) => !known.has(o));
  if (unknown.length > 0) throw unknownOrg(unknown, ctx.config);
  if (q.orgs.length === 0) throw new UserError('no_orgs', 'No organisations to compare.', 'Pass --orgs with two or more organisation ids, comma-separated.');
  const all = [...new Set(q.orgs.flatMap((o) => [o, ...memberIds(ctx.config, o)]))];
  const base = all.filter((o) => memberIds(ctx.config, o).includes(o));
  // Survey-based commuting appears only from an organisation's first survey wave: in an indexed
  // trajectory it would read as a rise. It is left out here, and the output says so.
  const fp = footprint(ctx, { orgs: base, commuting: false, grain: 'summed' });
  const full = footprint(ctx, { orgs: base, grain: 'summed' });
  const fixed = new Map<number, Footprint>();
  const fixedOf = (year: number): Footprint => {
    let f = fixed.get(year);
    if (!f) fixed.set(year, (f = footprint(ctx, { orgs: base, policy: fixedPolicy(year), grain: 'summed' })));
    return f;
  };
  const result = compareOrganisations(fp.lines, ctx.config.organisations, {
    orgs: q.orgs,
    ...(q.baselineYear === undefined ? {} : { baselineYear: q.baselineYear }),
    period: q.calendar ? 'calendar-year' : 'financial-year',
  });
  const presets = loadPresets();
  const standings: TargetStanding[] = [];
  for (const org of q.orgs) {
    const members = memberIds(ctx.config, org);
    const p = progressFromLedger(ctx, { org, presets, footprint: footprintSubset(full, members), fixedFootprint: (y) => footprintSubset(fixedOf(y), members) });
    for (const t of p.targets) {
      const h = t.progress.headline;
      standings.push({
        org, target: t.progress.target.id, name: t.progress.target.name, year: h?.label ?? null, status: h?.status ?? null,
        gapPctPoints: h?.gapPctPoints ?? null, trendReaches: t.progress.projection?.reachesTargetIn === undefined || t.progress.projection.reachesTargetIn === null ? null : yearLabel(t.progress.target.basis, t.progress.projection.reachesTargetIn),
      });
    }
  }
  standings.sort((a, b) => (a.status === null ? 9 : STATUS_ORDER[a.status]) - (b.status === null ? 9 : STATUS_ORDER[b.status]) || (a.gapPctPoints ?? 0) - (b.gapPctPoints ?? 0));
  return { ...result, orgs: q.orgs, standings, warnings: [...result.warnings] };
}
