/**
 * Areas beside organisations (`compare --la`): a council's own operations and its area's, each
 * indexed to its own base year, the area's in calendar years as the statistics give them, with
 * the area's targets judged as in `tco2e area`.
 */

import type { AnalysisContext } from '../aggregate/footprint.js';
import { compareReport, type CompareQuery, type CompareReport } from '../targets/compare-orgs.js';
import { loadPresets } from '../targets/presets.js';
import { areaReportWithTargets, type AreaReportWithTargets } from './area-targets.js';

export interface CompareWithAreas extends CompareReport {
  /**
   * The areas asked for, each indexed to its own base year (the calendar year the common
   * baseline starts in when one is given, else its earliest year), with its targets; null when
   * no area was asked for.
   */
  readonly area: AreaReportWithTargets | null;
}

export function compareWithAreas(ctx: AnalysisContext, q: CompareQuery & { readonly laCodes?: readonly string[] }): CompareWithAreas {
  const report = compareReport(ctx, q);
  if (q.laCodes === undefined || q.laCodes.length === 0) return { ...report, area: null };
  // A financial baseline 2019/20 starts in calendar 2019: the area is indexed to that year.
  const baseYear = q.baselineYear === undefined ? undefined : Number(q.baselineYear.trim().slice(0, 4));
  return { ...report, area: areaReportWithTargets(ctx.ledger, { codes: q.laCodes, ...(baseYear === undefined ? {} : { baseYear }) }, ctx.config.targets, loadPresets()) };
}
