/**
 * An area's targets ("carbon neutral by 2050 on 2019", a council's −40% by 2030) judged on its
 * figures from the DESNZ local authority statistics, with the same pathway, status, trend and
 * budget logic as an organisation's (`targetProgress`): only the actuals differ. They are the
 * authority's calendar-year totals, the territorial total or, with `"measure": "influence"`, the
 * total within the scope of influence of local authorities; each year the statistics publish is
 * a whole year, so every year is complete.
 */

import type { Preset } from '../targets/presets.js';
import { resolveTargets } from '../targets/resolve.js';
import { targetProgress, type TargetProgress } from '../targets/target-progress.js';
import type { AreaMeasure, TargetProblem, YearActual } from '../targets/types.js';
import type { Ledger } from '../store/ledger.js';
import type { TargetConfig } from '../workspace/config.js';
import { areaReport, type AreaQuery, type AreaReport, type AreaSeries } from './area-series.js';

export interface AreaTargetReport {
  readonly laCode: string;
  /** The edition the actuals come from: a new edition revises the baseline too. */
  readonly edition: string;
  readonly basisLabel: string;
  readonly progress: TargetProgress;
}

export interface AreaReportWithTargets extends AreaReport {
  /** The config's targets for the authorities shown, in config order. */
  readonly targets: readonly AreaTargetReport[];
  /** Targets that could not be resolved or judged (no baseline year in the edition held, …). */
  readonly targetProblems: readonly TargetProblem[];
}

/** An authority's calendar-year totals as a target's actuals; a year without the measure's figure is left out. */
export function areaActuals(s: AreaSeries, measure: AreaMeasure): YearActual[] {
  return s.years.flatMap((y) => {
    const tco2e = measure === 'influence' ? y.influenceTCo2e : y.territorialTCo2e;
    return tco2e === null ? [] : [{ year: y.year, tco2e, complete: true }];
  });
}

/** Judges each area target whose authority is among `series`. */
export function areaTargetProgress(series: readonly AreaSeries[], entries: readonly TargetConfig[], presets: readonly Preset[]): { targets: AreaTargetReport[]; problems: TargetProblem[] } {
  const shown = new Set(series.map((s) => s.laCode));
  const { targets, problems } = resolveTargets(entries.filter((e) => e.area !== undefined && shown.has(e.area)), presets);
  const reports: AreaTargetReport[] = [];
  for (const target of targets) {
    const s = series.find((x) => x.laCode === target.area!.laCode)!;
    const r = targetProgress(target, { actuals: areaActuals(s, target.area!.measure) });
    if (r.ok) reports.push({ laCode: s.laCode, edition: s.edition, basisLabel: s.basisLabel, progress: r.progress });
    else problems.push(...r.problems);
  }
  return { targets: reports, problems };
}

/** `areaReport` with the config's targets for the authorities it shows. */
export function areaReportWithTargets(ledger: Ledger, q: AreaQuery, entries: readonly TargetConfig[], presets: readonly Preset[]): AreaReportWithTargets {
  const r = areaReport(ledger, q);
  const { targets, problems } = areaTargetProgress(r.series, entries, presets);
  return { ...r, targets, targetProblems: problems };
}
