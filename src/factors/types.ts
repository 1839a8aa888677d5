/** The shape of the factor tables in `data/factors/`, and of custom factors. */

import type { UnitId } from '../units/units.js';
import type { EnergyBasis } from './catalogue.js';

/** A row's labels exactly as the publication prints them, so a report can cite the source. */
export interface PublishedLabels {
  readonly scope: string;
  readonly level1: string;
  readonly level2: string;
  readonly level3: string;
  readonly level4: string;
  readonly columnText: string;
  readonly uom: string;
}

/** One published figure: kilograms per unit, and the `ghg_unit` label it was published under. */
export interface PublishedValue {
  readonly kg: number;
  readonly ghgUnit: string;
  /** Set only where this gas's row carried a different column text (a footnote) from its neighbours. */
  readonly columnText?: string;
}

export type GasValues = Partial<Record<'co2e' | 'co2' | 'ch4' | 'n2o', PublishedValue>>;

/** A factor in one unit, e.g. natural gas per kWh (gross CV), or per m³. */
export interface FactorVariant {
  readonly unit: UnitId;
  readonly basis?: EnergyBasis;
  /**
   * The edition this figure was read from, where it is not the year file's own: a family read from
   * another edition of the same year's publication (see `readFrom` in `data/factors/editions.json`).
   */
  readonly edition?: string;
  readonly labels: PublishedLabels;
  readonly values: GasValues;
}

/** One year's table file, `data/factors/uk-gov-YYYY.json`. */
export interface FactorYearFile {
  readonly publisher: string;
  readonly title: string;
  readonly year: number;
  readonly edition: string;
  readonly licence: string;
  readonly factors: Readonly<Record<string, readonly FactorVariant[]>>;
}

/** Where a factor came from: the published set, or a user's custom factor file. */
export type FactorSource =
  | { readonly kind: 'published'; readonly publisher: string; readonly title: string; readonly year: number; readonly edition: string }
  | { readonly kind: 'custom'; readonly file: string; readonly line: number; readonly source: string; readonly year: number | null };
