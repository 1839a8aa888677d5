/**
 * A disclosure as a list of figures, each with this year's and the previous year's value: the
 * one list the Markdown, HTML and CSV renderers all show, so the three never disagree on what is
 * reported. Values are at full precision; rounding happens in the renderers.
 */

import { EMISSION_ROWS, ENERGY_ROWS, type EmissionRow } from './classify.js';
import type { SecrDisclosure, SecrYear } from './disclosure.js';
import { EMISSION_LABELS, ENERGY_LABELS, INTENSITY_LABELS, secrMsg } from './secr-text.js';

export type SecrSection = 'energy' | 'energy_not_in_kwh' | 'emissions' | 'intensity' | 'quality';

/** How a figure is presented: the renderers pick the number format from this. */
export type FigureFormat = 'kwh' | 'tco2e' | 'intensity' | 'denominator' | 'quantity' | 'percent' | 'tier';

export interface SecrFigure {
  readonly section: SecrSection;
  /** Stable id, e.g. `energy.electricity`, `scope2.market`. */
  readonly id: string;
  readonly measure: string;
  readonly thisYear: number | null;
  readonly previousYear: number | null;
  readonly unit: string;
  readonly format: FigureFormat;
  /** A total row (shown in bold in Markdown and HTML). */
  readonly total?: boolean;
}

const SCOPE3_ROWS: Readonly<Record<SecrDisclosure['scope3'], readonly EmissionRow[]>> = {
  'grey-fleet': ['scope3.greyFleet'],
  all: ['scope3.greyFleet', 'scope3.td', 'scope3.wtt'],
  none: [],
};

/** Rows shown even at zero: what SECR asks every organisation to state. */
const ALWAYS: ReadonlySet<EmissionRow> = new Set(['scope1.gas', 'scope1.otherFuels', 'scope1.transport', 'scope2.electricity']);

export function secrFigures(d: SecrDisclosure): SecrFigure[] {
  const now = d.thisYear;
  const prev = d.previousYear;
  const pair = (f: (y: SecrYear) => number | null): { thisYear: number | null; previousYear: number | null } => ({ thisYear: f(now), previousYear: prev === null ? null : f(prev) });
  const t = (kg: number): number => kg / 1000;
  const out: SecrFigure[] = [];

  for (const row of ENERGY_ROWS) out.push({ section: 'energy', id: `energy.${row}`, measure: ENERGY_LABELS[row], ...pair((y) => y.energyKwh[row]), unit: 'kWh', format: 'kwh' });
  out.push({ section: 'energy', id: 'energy.total', measure: 'Total energy use', ...pair((y) => y.totalKwh), unit: 'kWh', format: 'kwh', total: true });

  const notInKwh = new Map<string, { source: string; unit: string }>();
  for (const y of prev === null ? [now] : [now, prev]) for (const n of y.notInKwh) notInKwh.set(`${n.source}|${n.unit}`, { source: n.source, unit: n.unit });
  for (const { source, unit } of [...notInKwh.values()].sort((a, b) => a.source.localeCompare(b.source) || a.unit.localeCompare(b.unit))) {
    const q = (y: SecrYear): number => y.notInKwh.filter((n) => n.source === source && n.unit === unit).reduce((s, n) => s + n.quantity, 0);
    out.push({ section: 'energy_not_in_kwh', id: `not_in_kwh.${source}.${unit}`, measure: `Not expressed in kWh: ${source}`, ...pair(q), unit, format: 'quantity' });
  }

  const shown = (row: EmissionRow): boolean => ALWAYS.has(row) || now.kgCo2e[row] !== 0 || (prev !== null && prev.kgCo2e[row] !== 0);
  const emission = (row: EmissionRow): SecrFigure => ({ section: 'emissions', id: row, measure: EMISSION_LABELS[row], ...pair((y) => t(y.kgCo2e[row])), unit: 'tCO2e', format: 'tco2e' });
  for (const row of EMISSION_ROWS.filter((r) => r.startsWith('scope1.') && shown(r))) out.push(emission(row));
  out.push({ section: 'emissions', id: 'scope1.total', measure: 'Total Scope 1', ...pair((y) => t(y.scope1KgCo2e)), unit: 'tCO2e', format: 'tco2e', total: true });
  for (const row of EMISSION_ROWS.filter((r) => r.startsWith('scope2.') && shown(r))) out.push(emission(row));
  out.push({ section: 'emissions', id: 'scope2.total', measure: 'Total Scope 2 (location-based)', ...pair((y) => t(y.scope2KgCo2e)), unit: 'tCO2e', format: 'tco2e', total: true });
  const hasMarket = now.market !== null || (prev !== null && prev.market !== null);
  if (hasMarket) out.push({ section: 'emissions', id: 'scope2.market', measure: 'Scope 2 (market-based)', ...pair((y) => (y.market === null ? null : t(y.market.scope2KgCo2e))), unit: 'tCO2e', format: 'tco2e' });
  if (d.scope3 !== 'none') {
    for (const row of SCOPE3_ROWS[d.scope3]) out.push(emission(row));
    out.push({ section: 'emissions', id: 'scope3.total', measure: 'Total Scope 3', ...pair((y) => t(y.scope3KgCo2e)), unit: 'tCO2e', format: 'tco2e', total: true });
  }
  out.push({ section: 'emissions', id: 'total.location', measure: 'Total gross emissions (Scope 2 location-based)', ...pair((y) => t(y.totalKgCo2e)), unit: 'tCO2e', format: 'tco2e', total: true });
  if (hasMarket) out.push({ section: 'emissions', id: 'total.market', measure: 'Total gross emissions (Scope 2 market-based)', ...pair((y) => (y.market === null ? null : t(y.market.totalKgCo2e))), unit: 'tCO2e', format: 'tco2e', total: true });
  if (now.biogenicKgCo2e !== 0 || (prev !== null && prev.biogenicKgCo2e !== 0)) {
    out.push({ section: 'emissions', id: 'outside_scopes', measure: secrMsg.biogenic, ...pair((y) => t(y.biogenicKgCo2e)), unit: 'tCO2e', format: 'tco2e' });
  }

  for (const i of now.intensity) {
    if (i.denominator === null) continue;
    const label = INTENSITY_LABELS[i.metric];
    // Per m² reads best in kilograms (tens of kg), per WTE in tonnes (a few t).
    const scale = i.metric === 'floorAreaM2' ? 1 : 1 / 1000;
    const value = (y: SecrYear): number | null => {
      const x = y.intensity.find((z) => z.metric === i.metric)?.kgCo2ePerUnit;
      return x === undefined || x === null ? null : x * scale;
    };
    out.push({ section: 'intensity', id: `intensity.${i.metric}`, measure: label.measure, ...pair(value), unit: label.unit, format: 'intensity' });
    const denominator = (y: SecrYear): number | null => y.intensity.find((z) => z.metric === i.metric)?.denominator ?? null;
    out.push({ section: 'intensity', id: `denominator.${i.metric}`, measure: i.metric === 'floorAreaM2' ? 'Floor area' : 'Staff (whole-time equivalent)', ...pair(denominator), unit: i.metric === 'floorAreaM2' ? 'm²' : 'WTE', format: 'denominator' });
  }

  out.push({ section: 'quality', id: 'quality.estimated', measure: 'Share of emissions from estimated data', ...pair((y) => y.estimatedShare * 100), unit: '%', format: 'percent' });
  out.push({ section: 'quality', id: 'quality.tier', measure: 'Data quality tier (1 measured, 2 partly estimated, 3 estimated)', ...pair((y) => y.tier), unit: 'tier', format: 'tier' });
  return out;
}
