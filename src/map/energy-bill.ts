/**
 * Energy bills and monthly consumption: one row per meter and bill period (or month) → one
 * activity per calendar month, the quantity apportioned by days (see `calendarise.ts`).
 */

import { parseUnit } from '../units/units.js';
import type { ActivityDraft } from './activity-draft.js';
import { calendarise } from './calendarise.js';
import { RowReader, type CellContext } from './cells.js';
import { resolveColumns } from './columns.js';
import { unitInHeader } from './detect/units-in-header.js';
import { rejected, yields, type RowMapper } from './mapped.js';
import { MangledIds } from './meter-ids.js';
import type { EnergyBillProfile, Fuel } from './profile-schema.js';
import type { Problem } from '../kernel/problem.js';
import type { z } from 'zod';

type BillProfile = z.infer<typeof EnergyBillProfile>;

/** The factor key for each fuel a bill or meter can carry. */
export const FUEL_KEYS: Readonly<Record<Fuel, string>> = {
  electricity: 'electricity.grid',
  gas: 'natural_gas',
  oil: 'burning_oil',
  gas_oil: 'gas_oil',
  lpg: 'lpg',
  biomass_pellets: 'wood_pellets',
  biomass_chips: 'wood_chips',
  water: 'water.supply',
  heat: 'heat_steam.district',
};

const FUEL_WORDS: readonly [RegExp, Fuel][] = [
  [/^(electric(ity)?|elec|power|hh electricity|nhh electricity)$/i, 'electricity'],
  [/^(gas|natural gas|mains gas)$/i, 'gas'],
  [/^(oil|heating oil|kerosene|burning oil|28 sec)$/i, 'oil'],
  [/^(gas oil|red diesel|35 sec)$/i, 'gas_oil'],
  [/^(lpg|propane)$/i, 'lpg'],
  [/^(wood pellets?|biomass|biomass pellets)$/i, 'biomass_pellets'],
  [/^(wood chips?|biomass chips)$/i, 'biomass_chips'],
  [/^(water|mains water)$/i, 'water'],
  [/^(heat|district heat(ing)?|steam)$/i, 'heat'],
];

export function parseFuel(text: string): Fuel | undefined {
  const t = text.trim();
  return FUEL_WORDS.find(([re]) => re.test(t))?.[1];
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** `2024-04`, `04/2024`, `Apr-24`, `April 2024`, `Sept 2024` → the month's first and last day. */
export function parseMonth(text: string): { start: string; end: string } | undefined {
  const t = text.trim().toLowerCase();
  let y: number | undefined;
  let m: number | undefined;
  let x: RegExpExecArray | null;
  if ((x = /^(\d{4})-(\d{1,2})$/.exec(t))) [y, m] = [Number(x[1]), Number(x[2])];
  else if ((x = /^(\d{1,2})\/(\d{4})$/.exec(t))) [m, y] = [Number(x[1]), Number(x[2])];
  else if ((x = /^([a-z]{3,9})[ -](\d{2}|\d{4})$/.exec(t))) {
    const name = x[1]!;
    const i = MONTHS.findIndex((full) => full === name || full.slice(0, 3) === name || (name === 'sept' && full === 'september'));
    if (i >= 0) [m, y] = [i + 1, x[2]!.length === 2 ? 2000 + Number(x[2]) : Number(x[2])];
  }
  if (y === undefined || m === undefined || m < 1 || m > 12) return undefined;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { start: `${y}-${mm}-01`, end: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

/** Rows to activities; at the end, `warnings()` names any meter id a spreadsheet has damaged. */
export function billMapper(profile: BillProfile, ctx: CellContext, meterSite: (meter: string) => string | undefined): RowMapper<ActivityDraft[]> & { warnings(): Problem[] } {
  const col = resolveColumns(ctx.header, profile.columns);
  const ids = new MangledIds(ctx, col.meter);
  let rows = 0;
  const estimatedWords = new Set(profile.estimatedValues.map((v) => v.toLowerCase()));
  // The unit the quantity's header states ("Consumption (Wh)"), for electricity and gas rows with no unit of their own.
  const stated = unitInHeader(ctx.header[col.quantity ?? -1] ?? '');
  const statedUnit = stated?.kind === 'energy' || stated?.kind === 'volume' ? parseUnit(stated.unit) : undefined;
  const defaultUnit = profile.unit === undefined ? undefined : parseUnit(profile.unit);
  return {
    warnings: () => ids.warnings(rows),
    map(line, cells) {
      const r = new RowReader(ctx, line, cells);
      ids.note(rows++, line, r.text(col.meter));
      const quantity = r.number(col.quantity);
      if (quantity === null) r.problem(col.quantity, 'missing_quantity', 'the consumption is empty');
      const fuelText = r.text(col.fuel);
      const fuel = fuelText === '' ? profile.fuel : parseFuel(fuelText);
      if (fuel === undefined) {
        if (fuelText === '') r.problem(col.fuel, 'missing_fuel', 'no fuel is given: add a fuel column, or set "fuel" in the profile');
        else r.problem(col.fuel, 'unknown_fuel', `"${fuelText}" is not a fuel tco2e knows: use electricity, gas, oil, gas oil, LPG, wood pellets, wood chips, water or heat`);
      }
      const unitText = r.text(col.unit);
      // Electricity and gas are metered in kWh unless the quantity's header says otherwise
      // ("Consumption (Wh)"); other fuels still need a unit column or the profile's unit.
      const unit = unitText === '' ? (defaultUnit ?? (fuel === 'electricity' || fuel === 'gas' ? (statedUnit ?? 'kWh') : undefined)) : parseUnit(unitText);
      if (unit === undefined) r.problem(col.unit, 'unknown_unit', unitText === '' ? 'no unit is given: add a unit column, or set "unit" in the profile' : `"${unitText}" is not a unit tco2e knows`);
      let period: { start: string; end: string } | undefined;
      if (col.periodStart !== undefined && col.periodEnd !== undefined) {
        period = r.period(col.periodStart, col.periodEnd);
      } else {
        const m = parseMonth(r.text(col.month));
        if (m === undefined) r.problem(col.month, 'bad_month', 'is not a month: write it like 2024-04, 04/2024 or Apr-24');
        else period = m;
      }
      if (r.problems.length > 0 || quantity === undefined || quantity === null || fuel === undefined || unit === undefined || period === undefined) {
        return rejected(r.problems);
      }
      const meter = r.text(col.meter) || null;
      const site = r.text(col.site) || (meter === null ? undefined : meterSite(meter)) || null;
      const readType = r.text(col.readType).toLowerCase();
      const estimated = estimatedWords.has(readType);
      // Negative electricity is export (on-site generation), kept apart and never netted off.
      const direction = quantity < 0 && fuel === 'electricity' ? 'export' : 'import';
      const cost = r.number(col.cost);
      const extra: Record<string, string | number> = {};
      if (typeof cost === 'number') extra.cost = cost;
      if (readType !== '') extra.readType = r.text(col.readType);
      const parts = calendarise(period.start, period.end);
      const whole = parts.length === 1;
      const activities = parts.map((p) => ({
        line, site, meter, source: fuel, factorKey: FUEL_KEYS[fuel], periodStart: p.start, periodEnd: p.end,
        quantity: Math.abs(quantity) * p.share * (direction === 'import' && quantity < 0 ? -1 : 1),
        unit, estimated, direction,
        apportionedFrom: whole ? null : { start: period.start, end: period.end, days: p.days, totalDays: p.totalDays, share: p.share },
        extra: whole || typeof cost !== 'number' ? extra : { ...extra, cost: cost * p.share },
      }) satisfies ActivityDraft);
      return yields(activities);
    },
  };
}
