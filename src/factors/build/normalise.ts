/**
 * Label normalisation for the published factor flat files. The publication renames sheets and
 * units between editions; these rules map each spelling to one form so one matcher covers all
 * years. Every rule here is a drift seen in the 2013–2025 editions.
 */

import type { UnitId } from '../../units/units.js';
import type { EnergyBasis } from '../catalogue.js';

export function norm(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

const LEVEL1_SYNONYMS: Readonly<Record<string, string>> = {
  // 2016–2022 name; 2023 onwards is "WTT- UK electricity".
  'wtt- uk & overseas elec': 'wtt- uk electricity',
  // 2022 uses brackets where other years use a dash.
  'wtt- business travel (air)': 'wtt- business travel- air',
  'wtt- business travel (sea)': 'wtt- business travel- sea',
  'wtt- pass vehs & travel (land)': 'wtt- pass vehs & travel- land',
};

export function normLevel1(text: string): string {
  const n = norm(text);
  return LEVEL1_SYNONYMS[n] ?? n; // "UK electricity for Evs" / "for EVs" meet in norm()
}

/**
 * A footnote the 2024 condensed set put in the column-text cell of some taxi rows. The figure
 * in that row belongs to the same factor as its neighbours; the note is kept as published.
 */
export function isFootnote(columnText: string): boolean {
  return norm(columnText).startsWith('an error was identified');
}

/** Column texts that, for fuels, only say which unit a row is in (2013–2021 editions). */
export const FUEL_UNIT_COLUMNS: ReadonlySet<string> = new Set(['', 'volume', 'tonnes', 'energy - gross cv', 'energy - net cv']);

export interface VariantUnit {
  readonly unit: UnitId;
  readonly basis?: EnergyBasis;
}

const UOM: Readonly<Record<string, UnitId>> = {
  kwh: 'kWh', litres: 'litres', tonnes: 'tonnes', 'cubic metres': 'm3', 'million litres': 'million_litres',
  km: 'km', miles: 'miles', 'passenger.km': 'passenger_km', gj: 'GJ', kg: 'kg',
};

/** The unit (and, for energy, the calorific-value basis) a published row is in; undefined for units tco2e does not use (tonne.km). */
export function variantUnit(columnText: string, uom: string): VariantUnit | undefined {
  const u = norm(uom);
  const c = norm(columnText);
  if (u === 'kwh (gross cv)') return { unit: 'kWh', basis: 'gross' };
  if (u === 'kwh (net cv)') return { unit: 'kWh', basis: 'net' };
  if (u === 'kwh' && c === 'energy - gross cv') return { unit: 'kWh', basis: 'gross' };
  if (u === 'kwh' && c === 'energy - net cv') return { unit: 'kWh', basis: 'net' };
  const unit = UOM[u];
  return unit === undefined ? undefined : { unit };
}

export type Gas = 'co2e' | 'co2' | 'ch4' | 'n2o';

/**
 * Which gas a `ghg_unit` label is. The per-gas labels change (`kg CO2` to 2021, `kg CO2e of CO2`
 * in 2022, `kg CO2e of CO2 per unit` from 2023); in every year the CH4 and N2O figures are
 * already CO2-equivalent.
 */
export function gasOf(ghgUnit: string): Gas | undefined {
  const g = norm(ghgUnit);
  if (g === 'kg co2e') return 'co2e';
  const m = /^kg (?:co2e of )?(co2|ch4|n2o)(?: per unit)?$/.exec(g);
  return m ? (m[1] as Gas) : undefined;
}
