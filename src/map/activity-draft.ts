/** An activity ready for conversion: what was used, where and when, and where it came from. */

import type { TravelUse } from '../convert/convert.js';
import type { UnitId } from '../units/units.js';

export interface ActivityDraft {
  readonly line: number;
  readonly site: string | null;
  /** Meter (MPAN/MPRN), vehicle registration, charger or person: what overlaps are checked on. */
  readonly meter: string | null;
  /** What the activity is, for reports: electricity, gas, fleet:diesel, travel:rail… */
  readonly source: string;
  readonly factorKey: string;
  readonly use?: TravelUse;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly quantity: number;
  readonly unit: UnitId;
  readonly estimated: boolean;
  readonly direction: 'import' | 'export';
  readonly apportionedFrom: { readonly start: string; readonly end: string; readonly days: number; readonly totalDays: number; readonly share: number } | null;
  readonly extra: Readonly<Record<string, string | number | boolean>>;
}
