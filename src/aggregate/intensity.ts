/**
 * Intensity ratios: emissions per m² of floor area, per WTE member of staff, per bed, per
 * resident, per £m of spend, from the organisation's `denominators` for the financial year.
 * A missing denominator is said (a warning and a null figure), never guessed from another year.
 */

import type { OrganisationConfig } from '../workspace/config.js';
import { aggMsg, type AggregateWarning } from './warnings.js';

export const DENOMINATORS = ['floorAreaM2', 'staffWte', 'headcount', 'beds', 'residents', 'spendGbpM'] as const;
export type DenominatorMetric = (typeof DENOMINATORS)[number];

/** What each denominator is, for messages and table headings. */
export const DENOMINATOR_LABELS: Readonly<Record<DenominatorMetric, string>> = {
  floorAreaM2: 'floor area (m²)', staffWte: 'staff (WTE)', headcount: 'staff headcount', beds: 'beds', residents: 'residents', spendGbpM: 'spend (£m)',
};

export interface IntensityFigure {
  readonly metric: DenominatorMetric;
  /** null: the config gives none for the year. */
  readonly denominator: number | null;
  readonly kgCo2ePerUnit: number | null;
}

export interface YearTotal {
  readonly org: string;
  /** Financial year, `2024/25`. */
  readonly year: string;
  readonly kgCo2e: number;
}

export interface IntensityRow extends YearTotal {
  readonly figures: readonly IntensityFigure[];
}

export interface IntensityResult {
  readonly rows: IntensityRow[];
  readonly warnings: AggregateWarning[];
}

/** The figures for one organisation and year (no warnings: see `intensities`). */
export function intensityFigures(org: OrganisationConfig | undefined, year: string, kgCo2e: number, metrics: readonly DenominatorMetric[] = DENOMINATORS): IntensityFigure[] {
  const d = org?.denominators.find((x) => x.year === year);
  return metrics.map((metric) => {
    const denominator = d?.[metric] ?? null;
    return { metric, denominator, kgCo2ePerUnit: denominator === null ? null : kgCo2e / denominator };
  });
}

export function intensities(totals: readonly YearTotal[], orgs: readonly OrganisationConfig[], metrics: readonly DenominatorMetric[] = DENOMINATORS): IntensityResult {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const warnings: AggregateWarning[] = [];
  const rows = totals.map((t) => {
    const figures = intensityFigures(byId.get(t.org), t.year, t.kgCo2e, metrics);
    for (const f of figures) {
      if (f.denominator === null) {
        warnings.push({ code: 'denominator_missing', message: aggMsg.denominatorMissing(t.org, t.year, DENOMINATOR_LABELS[f.metric]), about: { org: t.org, year: t.year, metric: f.metric } });
      }
    }
    return { ...t, figures };
  });
  return { rows, warnings };
}
